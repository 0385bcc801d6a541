package dev.raftseq.p2p;

import dev.raftseq.chain.types.Hex;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads a "name: hex" vector file from the test classpath; a value may continue on following lines. */
public final class Vectors {
  private Vectors() {}

  public static Map<String, byte[]> read(String resource) {
    String text;
    try (InputStream in = Vectors.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no resource " + resource);
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, StringBuilder> hex = new LinkedHashMap<>();
    StringBuilder current = null;
    for (String raw : text.split("\n")) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int colon = line.indexOf(':');
      if (colon > 0) {
        current = new StringBuilder(line.substring(colon + 1).strip());
        hex.put(line.substring(0, colon).strip(), current);
      } else if (current != null) {
        current.append(line);
      } else {
        throw new IllegalArgumentException("hex before any name: " + line);
      }
    }
    Map<String, byte[]> out = new LinkedHashMap<>();
    hex.forEach((k, v) -> out.put(k, Hex.decode(v.toString())));
    return out;
  }
}
