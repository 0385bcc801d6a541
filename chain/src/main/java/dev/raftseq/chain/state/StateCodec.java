package dev.raftseq.chain.state;

import dev.raftseq.chain.trie.Rlp;
import dev.raftseq.chain.types.Account;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.Wei;
import java.util.List;

/**
 * Encodings of state values as the state trie holds them: an account is
 * rlp([nonce, balance, storageRoot, codeHash]); a storage word is rlp(word without leading
 * zeros). The flat (non-trie) state uses the same bytes.
 */
public final class StateCodec {
  private StateCodec() {}

  public static byte[] encodeAccount(Account a) {
    return Rlp.encodeList(
        Rlp.encodeLong(a.nonce()),
        Rlp.encodeBigInteger(a.balance().value()),
        Rlp.encodeString(a.storageRoot().unsafeBytes()),
        Rlp.encodeString(a.codeHash().unsafeBytes()));
  }

  /**
   * @throws IllegalArgumentException when the bytes are not an encoded account
   */
  public static Account decodeAccount(byte[] rlp) {
    List<Rlp.Item> items = Rlp.decodeList(rlp);
    if (items.size() != 4) {
      throw new IllegalArgumentException("account must have 4 fields, got " + items.size());
    }
    long nonce = Rlp.longValue(rlp, items.get(0));
    if (nonce < 0) {
      throw new IllegalArgumentException("account nonce above 2^63-1");
    }
    Wei balance = Wei.of(Rlp.bigIntegerValue(rlp, items.get(1)));
    return new Account(nonce, balance, hash(rlp, items.get(2)), hash(rlp, items.get(3)));
  }

  private static Hash hash(byte[] rlp, Rlp.Item it) {
    if (it.isList() || it.payloadLength() != 32) {
      throw new IllegalArgumentException("expected a 32-byte hash");
    }
    return new Hash(Rlp.payload(rlp, it));
  }

  /** The storage trie value of a non-zero word. */
  public static byte[] encodeStorageValue(Hash word) {
    return Rlp.encodeString(Rlp.stripLeadingZeros(word.bytes()));
  }

  /** A storage trie value back to its 32-byte word. */
  public static Hash decodeStorageValue(byte[] rlp) {
    byte[] trimmed = Rlp.decodeString(rlp);
    if (trimmed.length > 32) {
      throw new IllegalArgumentException("storage value longer than 32 bytes");
    }
    byte[] word = new byte[32];
    System.arraycopy(trimmed, 0, word, 32 - trimmed.length, trimmed.length);
    return new Hash(word);
  }
}
