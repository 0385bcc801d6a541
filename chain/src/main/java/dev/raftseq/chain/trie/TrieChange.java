package dev.raftseq.chain.trie;

/**
 * Sets {@code key} to {@code value}; a null or empty value deletes the key (Ethereum tries hold
 * no empty values).
 */
public record TrieChange(byte[] key, byte[] value) {
  public static TrieChange put(byte[] key, byte[] value) {
    return new TrieChange(key, value);
  }

  public static TrieChange delete(byte[] key) {
    return new TrieChange(key, null);
  }

  public boolean isDelete() {
    return value == null || value.length == 0;
  }
}
