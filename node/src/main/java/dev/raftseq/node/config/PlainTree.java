package dev.raftseq.node.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads one JSON or YAML value from a Jackson parser into maps, lists, strings, longs, booleans
 * and nulls, the shapes {@code ConfigValueFactory.fromAnyRef} accepts. Numbers other than plain
 * decimal longs are kept as their source text: YAML reads {@code 0x0af6...} or {@code 0123} as
 * integers, and converting them would lose a secret key's leading zeros.
 */
final class PlainTree {
  private static final Pattern PLAIN_DECIMAL = Pattern.compile("-?(0|[1-9][0-9]{0,17})");

  private PlainTree() {}

  /**
   * Reads the value starting at the current token.
   *
   * @throws IllegalArgumentException on duplicate keys or unsupported values
   */
  static Object read(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT: {
        Map<String, Object> map = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          p.nextToken();
          Object value = read(p);
          if (map.containsKey(key)) {
            throw new IllegalArgumentException("duplicate key '" + key + "' at " + location(p));
          }
          map.put(key, value);
        }
        return map;
      }
      case START_ARRAY: {
        List<Object> list = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          list.add(read(p));
        }
        return list;
      }
      case VALUE_STRING:
        return p.getText();
      case VALUE_NUMBER_INT: {
        String text = p.getText();
        return PLAIN_DECIMAL.matcher(text).matches() ? (Object) Long.parseLong(text) : text;
      }
      case VALUE_NUMBER_FLOAT:
        return p.getText();
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      default:
        throw new IllegalArgumentException("unsupported value " + t + " at " + location(p));
    }
  }

  private static String location(JsonParser p) {
    var loc = p.currentLocation();
    return "line " + loc.getLineNr() + ", column " + loc.getColumnNr();
  }
}
