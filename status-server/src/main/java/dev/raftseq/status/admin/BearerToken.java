package dev.raftseq.status.admin;

import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * {@code Authorization: Bearer <token>} against the configured token. The comparison is of SHA-256
 * digests with {@link MessageDigest#isEqual} (constant time in the digest, so neither the content nor
 * the length of the configured token leaks through timing).
 */
public final class BearerToken implements AdminAuthenticator {
  private static final String PREFIX = "bearer ";
  private final byte[] expectedDigest;

  public BearerToken(String token) {
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("the admin token must not be empty");
    }
    this.expectedDigest = sha256(token);
  }

  @Override
  public Optional<String> authenticate(HttpServerRequest request) {
    return matches(request.getHeader("Authorization")) ? Optional.of("token") : Optional.empty();
  }

  /** Whether an Authorization header value carries the token. */
  boolean matches(String authorization) {
    boolean wellFormed = authorization != null && authorization.length() > PREFIX.length()
        && authorization.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
    // a missing or malformed header is compared as "", which never matches (the token is not empty)
    String presented = wellFormed ? authorization.substring(PREFIX.length()).trim() : "";
    return MessageDigest.isEqual(expectedDigest, sha256(presented));
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
