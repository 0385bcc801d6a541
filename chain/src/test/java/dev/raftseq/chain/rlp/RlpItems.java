package dev.raftseq.chain.rlp;

import java.util.ArrayList;
import java.util.List;

/** Test helper: a whole RLP value as a tree of {@code byte[]} and {@code List<Object>}. */
final class RlpItems {
  private RlpItems() {}

  /** Decodes exactly one item spanning all of {@code bytes}. */
  static Object decode(byte[] bytes) throws RlpException {
    RlpReader r = RlpReader.of(bytes);
    Object item = read(r);
    r.requireEnd("top-level item");
    return item;
  }

  private static Object read(RlpReader r) throws RlpException {
    if (r.nextIsList()) {
      RlpReader inner = r.readList("list");
      List<Object> items = new ArrayList<>();
      while (inner.hasNext()) {
        items.add(read(inner));
      }
      return items;
    }
    return r.readBytes("string");
  }

  static byte[] encode(Object item) {
    RlpWriter w = new RlpWriter();
    write(w, item);
    return w.toByteArray();
  }

  private static void write(RlpWriter w, Object item) {
    if (item instanceof byte[] b) {
      w.writeBytes(b);
    } else {
      w.startList();
      for (Object o : (List<?>) item) {
        write(w, o);
      }
      w.endList();
    }
  }
}
