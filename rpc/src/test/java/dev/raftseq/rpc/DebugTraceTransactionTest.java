package dev.raftseq.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.raftseq.chain.codec.BlockCodec;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.Receipt;
import dev.raftseq.chain.types.RecoveredTx;
import dev.raftseq.chain.types.TxType;
import dev.raftseq.chain.types.Wei;
import dev.raftseq.chain.testing.DevAccounts;
import dev.raftseq.chain.testing.TestTxs;
import dev.raftseq.rpc.jsonrpc.JsonRpcProcessor;
import dev.raftseq.rpc.jsonrpc.RpcJson;
import dev.raftseq.rpc.jsonrpc.RpcSession;
import dev.raftseq.rpc.methods.EthMethods;
import dev.raftseq.rpc.testing.MapState;
import dev.raftseq.rpc.testing.RpcHttpClient;
import dev.raftseq.rpc.testing.Scenario;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** debug_traceTransaction with the callTracer re-executes a block on its parent's state. */
class DebugTraceTransactionTest {
  private final Scenario net = new Scenario();
  private final JsonRpcProcessor processor =
      new JsonRpcProcessor(EthMethods.registry(net.backend, 100), new RpcJson(1 << 20), 10, Runnable::run);

  private JsonNode call(String method, String params) throws Exception {
    String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":" + params + "}";
    byte[] out = processor.handle(body.getBytes(StandardCharsets.UTF_8), RpcSession.STATELESS)
        .get(10, TimeUnit.SECONDS).orElseThrow();
    return RpcHttpClient.parse(new String(out, StandardCharsets.UTF_8));
  }

  @Test
  void callTracerShowsTheNestedCalls() throws Exception {
    // CALLER forwards all gas to CONTRACT (PUSH1 1 PUSH1 0 SSTORE): PUSH0 x5 PUSH20 CONTRACT GAS CALL STOP
    Address caller = Address.fromHex("0x" + "ca".repeat(20));
    byte[] callerCode = HexFormat.of().parseHex("5f5f5f5f5f73" + Scenario.CONTRACT.toHex().substring(2) + "5af100");
    MapState s4 = MapState.empty("s2-again")
        .with("a", Scenario.DEV0, 2, Scenario.ETH.multiply(50))
        .withContract("b", Scenario.CONTRACT, Scenario.CODE, Hash.fromHex("0x" + "00".repeat(31) + "01"),
            Hash.fromHex("0x" + "00".repeat(31) + "2a"))
        .withContract("c", caller, callerCode, Hash.fromHex("0x" + "00".repeat(31) + "05"),
            Hash.fromHex("0x" + "00".repeat(31) + "05"));
    net.chain.append(List.of(), List.of(), s4, Wei.of(700_000_000L), 1_700_000_008L);
    RecoveredTx tx = TestTxs.builder(TxType.EIP1559, Scenario.CHAIN_ID).nonce(2).to(caller).value(Wei.ZERO)
        .gasLimit(100_000).sign(DevAccounts.privateKey(0));
    Receipt r = new Receipt(TxType.EIP1559, true, 1, BlockCodec.bloom(List.of()), List.of());
    net.chain.append(List.of(tx), List.of(r), MapState.empty("s5"), Wei.of(700_000_000L), 1_700_000_010L);

    JsonNode trace = call("debug_traceTransaction", "[\"" + tx.hash().toHex() + "\",{\"tracer\":\"callTracer\"}]")
        .get("result");
    assertThat(trace.get("type").asText()).isEqualTo("CALL");
    assertThat(trace.get("from").asText()).isEqualTo(Scenario.DEV0.toHex());
    assertThat(trace.get("to").asText()).isEqualTo(caller.toHex());
    assertThat(trace.get("gas").asText()).isEqualTo("0x186a0");
    JsonNode inner = trace.get("calls").get(0);
    assertThat(inner.get("type").asText()).isEqualTo("CALL");
    assertThat(inner.get("from").asText()).isEqualTo(caller.toHex());
    assertThat(inner.get("to").asText()).isEqualTo(Scenario.CONTRACT.toHex());
    // inner: two pushes and a cold SSTORE to a fresh slot
    assertThat(inner.get("gasUsed").asText()).isEqualTo("0x" + Long.toHexString(3 + 3 + 22_100));
    assertThat(inner.has("error")).isFalse();
    // outer: intrinsic, 5 PUSH0, PUSH20, GAS, CALL (warm: CONTRACT is not in the access list -> cold 2600) + inner
    long outer = 21_000 + 5 * 2 + 3 + 2 + 2_600 + (3 + 3 + 22_100);
    assertThat(trace.get("gasUsed").asText()).isEqualTo("0x" + Long.toHexString(outer));

    JsonNode top = call("debug_traceTransaction", "[\"" + tx.hash().toHex()
        + "\",{\"tracer\":\"callTracer\",\"tracerConfig\":{\"onlyTopCall\":true}}]").get("result");
    assertThat(top.has("calls")).isFalse();
    JsonNode noTracer = call("debug_traceTransaction", "[\"" + tx.hash().toHex() + "\"]");
    assertThat(noTracer.get("error").get("message").asText()).contains("only the callTracer");
    JsonNode unknown = call("debug_traceTransaction", "[\"0x" + "12".repeat(32) + "\",{\"tracer\":\"callTracer\"}]");
    assertThat(unknown.get("error").get("message").asText()).isEqualTo("transaction not found");
  }
}
