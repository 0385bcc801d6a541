package dev.raftseq.status.admin;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An admin operation's answer: the HTTP status and a JSON object ({@code {"ok":true,...}} on success,
 * {@code {"ok":false,"error":code,"message":text,...}} otherwise).
 *
 * @param body field values: strings, numbers, booleans, lists or maps of those
 */
public record AdminReply(int status, Map<String, Object> body) {
  public AdminReply {
    body = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(body, "body")));
  }

  /** 200 with {@code "ok": true} and these fields, in order (key, value, key, value...). */
  public static AdminReply ok(Object... fields) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("ok", true);
    put(body, fields);
    return new AdminReply(200, body);
  }

  /** A refusal or failure: {@code "ok": false}, a machine-readable code, a message, and more fields. */
  public static AdminReply error(int status, String code, String message, Object... fields) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("ok", false);
    body.put("error", code);
    body.put("message", message);
    put(body, fields);
    return new AdminReply(status, body);
  }

  public boolean succeeded() {
    return status >= 200 && status < 300;
  }

  private static void put(Map<String, Object> body, Object[] fields) {
    if (fields.length % 2 != 0) {
      throw new IllegalArgumentException("fields come in key, value pairs");
    }
    for (int i = 0; i < fields.length; i += 2) {
      body.put((String) fields[i], fields[i + 1]);
    }
  }
}
