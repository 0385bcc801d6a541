package dev.raftseq.evm;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Analysed code by code hash, so a contract called many times is analysed once. Bounded (least
 * recently used entries go) and synchronized: one cache may serve several executing threads.
 */
public final class CodeCache {
  private final Map<Word, Code> entries;

  public CodeCache(int maxEntries) {
    this.entries =
        new LinkedHashMap<>(64, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<Word, Code> eldest) {
            return size() > maxEntries;
          }
        };
  }

  /** The analysed code of {@code codeHash}, loading and analysing it on a miss. */
  public Code get(Word codeHash, java.util.function.Supplier<byte[]> bytes) {
    synchronized (this) {
      Code c = entries.get(codeHash);
      if (c != null) {
        return c;
      }
    }
    byte[] b = bytes.get();
    Code c = b.length == 0 ? Code.EMPTY : new Code(b);
    synchronized (this) {
      entries.put(codeHash, c);
    }
    return c;
  }
}
