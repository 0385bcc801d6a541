package dev.raftseq.node.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.zip.GZIPInputStream;
import org.web3j.crypto.Hash;

/**
 * The chain's L1 as run_local.sh runs it: anvil from scripts/install-tools.sh, loaded with
 * local-chains/v30.2/l1-state.json.gz (BatchSettlement deployed with the seed's committee, the
 * operator funded), on a free loopback port; and the contract's getters read with plain eth_call.
 */
final class LocalL1 implements AutoCloseable {
  static final Path ANVIL = NodeProcess.REPO.resolve(".tools/bin/anvil");
  static final String CONTRACT = "0xdde5d695094275ef3f0ffba935ddaa8ba5aebedc";
  static final String OPERATOR = "0x66ebbb2f9970cfe36e7780d794cf6ea4c9264531";

  private final Process process;
  private final int port;
  private final JsonRpcClient rpc;

  private LocalL1(Process process, int port) {
    this.process = process;
    this.port = port;
    this.rpc = new JsonRpcClient(url());
  }

  static LocalL1 start(Path dir) {
    if (!Files.isExecutable(ANVIL)) {
      throw new AssertionError(ANVIL + " is missing: run scripts/install-tools.sh (test.sh does)");
    }
    try {
      Files.createDirectories(dir);
      Path state = dir.resolve("l1-state.json");
      try (InputStream in = new GZIPInputStream(Files.newInputStream(
          NodeProcess.REPO.resolve("local-chains/v30.2/l1-state.json.gz")))) {
        Files.copy(in, state, StandardCopyOption.REPLACE_EXISTING);
      }
      int port = FreePorts.next();
      Path log = dir.resolve("anvil.log");
      Process p = new ProcessBuilder(ANVIL.toString(), "--host", "127.0.0.1", "--port", Integer.toString(port),
          "--load-state", state.toString(), "--block-time", "0.25", "--mixed-mining", "--slots-in-an-epoch", "10")
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (System.nanoTime() < deadline) {
        if (Files.readString(log).contains("Listening on 127.0.0.1:" + port)) {
          return new LocalL1(p, port);
        }
        if (!p.isAlive()) {
          break;
        }
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
      }
      p.destroyForcibly();
      throw new AssertionError("anvil did not start: " + Files.readString(log));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  int port() {
    return port;
  }

  String url() {
    return "http://127.0.0.1:" + port;
  }

  long committed() {
    return word(call("getTotalBatchesCommitted()", "")).longValueExact();
  }

  long verified() {
    return word(call("getTotalBatchesVerified()", "")).longValueExact();
  }

  long executed() {
    return word(call("getTotalBatchesExecuted()", "")).longValueExact();
  }

  /** First and last L2 block of batch n. */
  long[] batchBlocks(long n) {
    String r = call("batchBlocks(uint256)", arg(n));
    return new long[] {new BigInteger(r.substring(2, 66), 16).longValueExact(),
        new BigInteger(r.substring(66, 130), 16).longValueExact()};
  }

  String batchStateRoot(long n) {
    return call("batchStateRoot(uint256)", arg(n)).substring(0, 66);
  }

  /** One mined operator transaction: which step of which batch, and whether it succeeded. */
  record OperatorTx(String hash, String step, long batch, boolean success) {}

  /** Every transaction the operator got mined on L1, in order, with its receipt's status. */
  List<OperatorTx> operatorTransactions() {
    long latest = JsonRpcClient.quantity(rpc.result("eth_blockNumber"));
    List<OperatorTx> out = new ArrayList<>();
    for (long b = 0; b <= latest; b++) {
      JsonNode block = rpc.result("eth_getBlockByNumber", "0x" + Long.toHexString(b), true);
      for (JsonNode tx : block.get("transactions")) {
        if (!OPERATOR.equals(tx.get("from").asText().toLowerCase(Locale.ROOT)) || tx.get("to").isNull()) {
          continue;
        }
        String input = tx.get("input").asText();
        String step = stepOf(input.substring(0, 10));
        long batch = new BigInteger(input.substring(10, 74), 16).longValueExact();
        JsonNode receipt = rpc.result("eth_getTransactionReceipt", tx.get("hash").asText());
        out.add(new OperatorTx(tx.get("hash").asText(), step, batch, "0x1".equals(receipt.get("status").asText())));
      }
    }
    return out;
  }

  private static String stepOf(String selector) {
    for (String s : List.of("commitBatch(uint256,uint64,uint64,bytes32,bytes32,bytes32)", "proveBatch(uint256,bytes[])",
        "executeBatch(uint256)")) {
      if (selector(s).equals(selector)) {
        return s.substring(0, s.indexOf('('));
      }
    }
    return "other:" + selector;
  }

  private static String selector(String signature) {
    return Hash.sha3String(signature).substring(0, 10);
  }

  private static String arg(long n) {
    return String.format("%064x", n);
  }

  private String call(String signature, String args) {
    var params = JsonRpcClient.JSON.createObjectNode().put("to", CONTRACT).put("data", selector(signature) + args);
    return rpc.result("eth_call", params, "latest").asText();
  }

  private static BigInteger word(String hex) {
    return new BigInteger(hex.substring(2, 66), 16);
  }

  @Override
  public void close() {
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
