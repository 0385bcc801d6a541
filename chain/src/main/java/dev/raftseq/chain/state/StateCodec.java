package dev.raftseq.chain.state;

import dev.raftseq.chain.rlp.RlpException;
import dev.raftseq.chain.rlp.RlpReader;
import dev.raftseq.chain.rlp.RlpWriter;
import dev.raftseq.chain.types.Account;
import dev.raftseq.chain.types.Hash;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * Encodings of state values as the state trie holds them: an account is
 * rlp([nonce, balance, storageRoot, codeHash]); a storage word is rlp(word without leading
 * zeros). The flat (non-trie) state uses the same account bytes.
 */
public final class StateCodec {
  private StateCodec() {}

  public static byte[] encodeAccount(Account a) {
    return new RlpWriter(112)
        .startList()
        .writeBigInteger(unsignedNonce(a.nonce()))
        .writeWei(a.balance())
        .writeHash(a.storageRoot())
        .writeHash(a.codeHash())
        .endList()
        .toByteArray();
  }

  /** The nonce as the unsigned 64-bit value it is (EIP-2681): longs below zero are 2^63..2^64-1. */
  static BigInteger unsignedNonce(long nonce) {
    BigInteger n = BigInteger.valueOf(nonce);
    return nonce < 0 ? n.add(BigInteger.ONE.shiftLeft(64)) : n;
  }

  /**
   * Decodes an account read from the trie or the flat state.
   *
   * @throws IllegalStateException when the stored bytes are not an account (a corrupt database)
   */
  public static Account decodeAccount(byte[] rlp) {
    try {
      RlpReader top = RlpReader.of(rlp);
      RlpReader r = top.readList("account");
      BigInteger nonce = r.readUInt256("nonce");
      if (nonce.bitLength() > 64) {
        throw new RlpException("nonce: exceeds 2^64-1");
      }
      Account a = new Account(nonce.longValue(), r.readWei("balance"), r.readHash("storageRoot"), r.readHash("codeHash"));
      r.requireEnd("account");
      top.requireEnd("account");
      return a;
    } catch (RlpException e) {
      throw new IllegalStateException("stored account does not decode: " + e.getMessage(), e);
    }
  }

  /** The storage word without leading zero bytes (empty for zero), as the flat state keeps it. */
  public static byte[] trimWord(Hash word) {
    byte[] b = word.unsafeBytes();
    int i = 0;
    while (i < 32 && b[i] == 0) {
      i++;
    }
    return Arrays.copyOfRange(b, i, 32);
  }

  /** A word from its trimmed bytes. */
  public static Hash padWord(byte[] trimmed) {
    if (trimmed.length > 32) {
      throw new IllegalStateException("storage value longer than 32 bytes");
    }
    byte[] word = new byte[32];
    System.arraycopy(trimmed, 0, word, 32 - trimmed.length, trimmed.length);
    return new Hash(word);
  }

  /** The storage trie value of a non-zero word. */
  public static byte[] encodeStorageValue(Hash word) {
    return RlpWriter.encodeBytes(trimWord(word));
  }

  /**
   * A storage trie value back to its 32-byte word.
   *
   * @throws IllegalStateException when the stored bytes are not a storage value
   */
  public static Hash decodeStorageValue(byte[] rlp) {
    try {
      RlpReader r = RlpReader.of(rlp);
      byte[] trimmed = r.readBytes("storage value");
      r.requireEnd("storage value");
      return padWord(trimmed);
    } catch (RlpException e) {
      throw new IllegalStateException("stored storage value does not decode: " + e.getMessage(), e);
    }
  }
}
