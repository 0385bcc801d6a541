package dev.raftseq.status.admin;

import io.vertx.core.http.HttpServerRequest;
import java.util.Optional;

/**
 * Decides who is calling the admin API, before anything else happens: the name of the caller for the
 * log, or empty to answer 401 and change nothing. A bearer token today ({@link BearerToken}); a client
 * certificate check (mutual TLS on the admin listener, {@code request.sslSession()}) plugs in here.
 */
@FunctionalInterface
public interface AdminAuthenticator {
  Optional<String> authenticate(HttpServerRequest request);
}
