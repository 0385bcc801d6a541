package dev.raftseq.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.raftseq.chain.codec.BlockCodec;
import dev.raftseq.chain.types.Block;
import dev.raftseq.chain.types.Log;
import dev.raftseq.chain.types.Receipt;
import dev.raftseq.chain.types.TxType;
import dev.raftseq.chain.types.Wei;
import dev.raftseq.rpc.jsonrpc.JsonRpcProcessor;
import dev.raftseq.rpc.jsonrpc.RpcJson;
import dev.raftseq.rpc.jsonrpc.RpcSession;
import dev.raftseq.rpc.methods.EthMethods;
import dev.raftseq.rpc.testing.MapState;
import dev.raftseq.rpc.testing.RpcHttpClient;
import dev.raftseq.rpc.testing.Scenario;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** eth_newFilter & co. over the real processor, with a clock the test moves to expire filters. */
class FilterMethodsTest {
  private final Scenario net = new Scenario();
  private Instant now = Instant.parse("2026-01-01T00:00:00Z");
  private final Clock clock = new Clock() {
    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  };
  private final JsonRpcProcessor processor =
      new JsonRpcProcessor(EthMethods.registry(net.backend, 100, dev.raftseq.rpc.methods.EthGetLogs.DEFAULT_MAX_RESULTS, clock), new RpcJson(1 << 20), 10, Runnable::run);
  private int ids;

  private JsonNode call(String method, String params) throws Exception {
    String body = "{\"jsonrpc\":\"2.0\",\"id\":" + (++ids) + ",\"method\":\"" + method + "\",\"params\":" + params + "}";
    byte[] out = processor.handle(body.getBytes(StandardCharsets.UTF_8), RpcSession.STATELESS)
        .get(10, TimeUnit.SECONDS).orElseThrow();
    return RpcHttpClient.parse(new String(out, StandardCharsets.UTF_8));
  }

  private Block appendBlockWithLogs(long timestamp) {
    Log log = new Log(Scenario.CONTRACT, List.of(Scenario.T1), new byte[] {9});
    Receipt r = new Receipt(TxType.EIP1559, true, 21_000, BlockCodec.bloom(List.of(log)), List.of(log));
    return net.chain.append(List.of(net.nextTransfer()), List.of(r), MapState.empty("s" + timestamp), Wei.of(1), timestamp);
  }

  @Test
  void blockFilterReportsNewBlocksOnceEach() throws Exception {
    String id = call("eth_newBlockFilter", "[]").get("result").asText();
    assertThat(id).matches("0x[0-9a-f]{32}");
    assertThat(call("eth_getFilterChanges", "[\"" + id + "\"]").get("result")).isEmpty();
    Block b4 = appendBlockWithLogs(1_700_000_010L);
    Block b5 = appendBlockWithLogs(1_700_000_012L);
    JsonNode changes = call("eth_getFilterChanges", "[\"" + id + "\"]").get("result");
    assertThat(changes).hasSize(2);
    assertThat(changes.get(0).asText()).isEqualTo(b4.hash().toHex());
    assertThat(changes.get(1).asText()).isEqualTo(b5.hash().toHex());
    assertThat(call("eth_getFilterChanges", "[\"" + id + "\"]").get("result")).isEmpty();
    assertThat(call("eth_uninstallFilter", "[\"" + id + "\"]").get("result").asBoolean()).isTrue();
    assertThat(call("eth_uninstallFilter", "[\"" + id + "\"]").get("result").asBoolean()).isFalse();
  }

  @Test
  void logFilterReportsMatchingLogsAndAllOfThemOnRequest() throws Exception {
    String id = call("eth_newFilter", "[{\"fromBlock\":\"0x1\",\"address\":\"" + Scenario.CONTRACT.toHex() + "\"}]")
        .get("result").asText();
    // the filter's logs: block 1 has two logs by CONTRACT
    assertThat(call("eth_getFilterLogs", "[\"" + id + "\"]").get("result")).hasSize(2);
    Block b4 = appendBlockWithLogs(1_700_000_010L);
    JsonNode changes = call("eth_getFilterChanges", "[\"" + id + "\"]").get("result");
    assertThat(changes).hasSize(1);
    assertThat(changes.get(0).get("blockHash").asText()).isEqualTo(b4.hash().toHex());
    assertThat(changes.get(0).get("data").asText()).isEqualTo("0x09");
    assertThat(call("eth_getFilterChanges", "[\"" + id + "\"]").get("result")).isEmpty();
    assertThat(call("eth_getFilterLogs", "[\"" + id + "\"]").get("result")).hasSize(3);
    String other = call("eth_newFilter", "[{\"address\":\"" + Scenario.OTHER.toHex() + "\"}]").get("result").asText();
    appendBlockWithLogs(1_700_000_012L);
    assertThat(call("eth_getFilterChanges", "[\"" + other + "\"]").get("result")).isEmpty();
  }

  @Test
  void unpolledFiltersExpireAfterFiveMinutes() throws Exception {
    String polled = call("eth_newBlockFilter", "[]").get("result").asText();
    String idle = call("eth_newBlockFilter", "[]").get("result").asText();
    now = now.plus(Duration.ofMinutes(4));
    assertThat(call("eth_getFilterChanges", "[\"" + polled + "\"]").has("result")).isTrue();
    now = now.plus(Duration.ofMinutes(2));
    assertThat(call("eth_getFilterChanges", "[\"" + polled + "\"]").has("result")).isTrue();
    JsonNode gone = call("eth_getFilterChanges", "[\"" + idle + "\"]");
    assertThat(gone.get("error").get("code").asInt()).isEqualTo(-32000);
    assertThat(gone.get("error").get("message").asText()).isEqualTo("filter not found");
    JsonNode blockHash = call("eth_newFilter", "[{\"blockHash\":\"" + net.block1.hash().toHex() + "\"}]");
    assertThat(blockHash.get("error").get("code").asInt()).isEqualTo(-32000);
    assertThat(call("eth_getFilterLogs", "[\"" + polled + "\"]").get("error").get("message").asText())
        .isEqualTo("filter not found");
  }
}
