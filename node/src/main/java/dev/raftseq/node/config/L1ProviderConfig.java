package dev.raftseq.node.config;

import java.time.Duration;
import java.util.Objects;

/**
 * {@code l1_provider.*}: the L1 JSON-RPC client. Its URL is {@code general.l1_rpc_url}
 * ({@code l1_provider.rpc_url} is accepted as another name, zksync-os-server's).
 *
 * @param requestTimeout the longest wait for one L1 request
 */
public record L1ProviderConfig(Duration requestTimeout) {
  public L1ProviderConfig {
    Objects.requireNonNull(requestTimeout, "requestTimeout");
  }

  static L1ProviderConfig read(SettingReader r) {
    return new L1ProviderConfig(r.duration("l1_provider.request_timeout", Duration.ofMillis(100)));
  }
}
