package dev.raftseq.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.raftseq.evm.BlockEnv;
import dev.raftseq.evm.CodeCache;
import dev.raftseq.evm.Evm;
import dev.raftseq.evm.EvmAddress;
import dev.raftseq.evm.ExecResult;
import dev.raftseq.evm.Keccak;
import dev.raftseq.evm.TxEnv;
import dev.raftseq.evm.Word;
import dev.raftseq.evm.state.AccountInfo;
import dev.raftseq.evm.state.JournaledState;
import dev.raftseq.evm.state.StateReader;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Interpreter throughput in Mgas/s on loop-heavy contracts, each run with a 30M gas budget (a
 * full block): our EVM called in-process, and, in the same run, anvil (revm) executing the same
 * bytecode through {@code eth_call} with a state override, its JSON-RPC round trip measured on an
 * empty call and subtracted.
 *
 * <p>Usage: {@code EvmLoopBench [anvil binary] [output file]}; defaults .tools/bin/anvil,
 * bench/results/evm-loop.txt. Without an anvil binary only our figures are written.
 */
public final class EvmLoopBench {
  private static final long GAS = 30_000_000L;
  private static final EvmAddress CONTRACT = EvmAddress.ofLow(0xBE7C);
  private static final EvmAddress CALLER = EvmAddress.ofLow(0xCA11);
  private static final ObjectMapper JSON = new ObjectMapper();

  private EvmLoopBench() {}

  /** A named program: runs until its gas is gone (the loop never ends by itself). */
  record Program(String name, String description, byte[] code) {}

  static List<Program> programs() {
    return List.of(
        new Program("arith", "acc = (acc * 0x9e3779b97f4a7c15 + i) ^ (acc >> 7), i++ : MUL ADD SHR XOR in a JUMP loop",
            // PUSH0 PUSH0 JUMPDEST PUSH1 1 ADD SWAP1 PUSH8 K MUL DUP2 ADD DUP1 PUSH1 7 SHR XOR SWAP1 PUSH1 2 JUMP
            hex("5f5f5b6001019067" + "9e3779b97f4a7c15" + "02810180" + "60071c18" + "90600256")),
        new Program("memory-keccak", "MSTORE i, KECCAK256 of 64 bytes, MSTORE and MLOAD the hash, i++ in a loop",
            // PUSH0 JUMPDEST DUP1 PUSH1 0 MSTORE PUSH1 64 PUSH1 0 KECCAK256 PUSH1 32 MSTORE PUSH1 32 MLOAD POP
            // PUSH1 1 ADD PUSH1 1 JUMP
            hex("5f5b8060005260406000206020526020515060010160015600")),
        new Program("transient", "TSTORE i at key i, TLOAD key 0, i++ in a loop (EIP-1153, no SSTORE costs)",
            // PUSH0 JUMPDEST DUP1 DUP1 TSTORE PUSH0 TLOAD POP PUSH1 1 ADD PUSH1 1 JUMP
            hex("5f5b80805d5f5c5060010160015600")));
  }

  private static byte[] hex(String h) {
    return HexFormat.of().parseHex(h);
  }

  public static void main(String[] args) throws Exception {
    Path anvil = Path.of(args.length > 0 ? args[0] : ".tools/bin/anvil");
    Path out = Path.of(args.length > 1 ? args[1] : "bench/results/evm-loop.txt");
    StringBuilder report = new StringBuilder();
    report.append("# EVM interpreter throughput, ").append(Instant.now()).append('\n');
    report.append("# ").append(Runtime.getRuntime().availableProcessors()).append(" cpus, java ")
        .append(System.getProperty("java.version")).append("; each run: one call with ").append(GAS).append(" gas\n");
    report.append(String.format(Locale.ROOT, "%-18s %12s %12s %12s %12s %8s%n",
        "program", "gas used", "ours ms", "ours Mgas/s", "anvil Mgas/s", "ratio"));
    Anvil a = Files.isExecutable(anvil) ? Anvil.start(anvil) : null;
    try {
      double rpcMs = a == null ? 0 : a.emptyCallMillis();
      for (Program p : programs()) {
        Measured ours = ours(p);
        Double theirs = null;
        if (a != null) {
          double ms = Math.max(a.callMillis(p.code()) - rpcMs, 0.001);
          theirs = ours.gasUsed / 1e6 / (ms / 1000.0);
        }
        double oursMgas = ours.gasUsed / 1e6 / (ours.millis / 1000.0);
        report.append(String.format(Locale.ROOT, "%-18s %12d %12.1f %12.1f %12s %8s%n", p.name(), ours.gasUsed,
            ours.millis, oursMgas, theirs == null ? "-" : String.format(Locale.ROOT, "%.1f", theirs),
            theirs == null ? "-" : String.format(Locale.ROOT, "%.2f", oursMgas / theirs)));
      }
      report.append("# programs:\n");
      for (Program p : programs()) {
        report.append("#   ").append(p.name()).append(": ").append(p.description()).append('\n');
      }
      report.append(a == null
          ? "# anvil not found at " + anvil + " (scripts/install-tools.sh installs it): no baseline\n"
          : String.format(Locale.ROOT, "# anvil %s (revm) via eth_call with a state override; median of 7 calls after 3 warm-ups;"
              + " its empty-call round trip (%.2f ms) subtracted%n", a.version, rpcMs));
    } finally {
      if (a != null) {
        a.close();
      }
    }
    System.out.print(report);
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(out, report.toString());
  }

  record Measured(long gasUsed, double millis) {}

  static Measured ours(Program p) {
    Evm evm = new Evm(new CodeCache(16));
    Word codeHash = Keccak.hash(p.code());
    StateReader pre =
        new StateReader() {
          @Override
          public AccountInfo account(EvmAddress address) {
            if (address.equals(CONTRACT)) {
              return new AccountInfo(1, Word.ZERO, codeHash, false);
            }
            return address.equals(CALLER) ? new AccountInfo(0, Word.of(1L << 50), Keccak.EMPTY, false) : null;
          }

          @Override
          public Word storage(EvmAddress address, Word key) {
            return Word.ZERO;
          }

          @Override
          public byte[] code(Word hash) {
            return p.code();
          }
        };
    BlockEnv block = new BlockEnv(EvmAddress.ZERO, 1, 1, GAS, Word.ONE, Word.ZERO, Word.ONE, 1, n -> Word.ZERO);
    TxEnv tx = new TxEnv(CALLER, Word.ONE, List.of());
    double[] ms = new double[10];
    long used = 0;
    for (int i = 0; i < 15; i++) {
      JournaledState state = new JournaledState(pre);
      state.warmAccount(CALLER);
      state.warmAccount(CONTRACT);
      long t0 = System.nanoTime();
      ExecResult r = evm.call(state, block, tx, CALLER, CONTRACT, Word.ZERO, new byte[0], GAS);
      double took = (System.nanoTime() - t0) / 1e6;
      used = GAS - r.gasLeft();
      if (i >= 5) {
        ms[i - 5] = took;
      }
    }
    Arrays.sort(ms);
    return new Measured(used, ms[ms.length / 2]);
  }

  /** An anvil process on a free loopback port. */
  static final class Anvil implements AutoCloseable {
    private final Process process;
    private final URI uri;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String version;

    private Anvil(Process process, URI uri, String version) {
      this.process = process;
      this.uri = uri;
      this.version = version;
    }

    static Anvil start(Path binary) throws IOException, InterruptedException {
      int port;
      try (ServerSocket s = new ServerSocket(0)) {
        port = s.getLocalPort();
      }
      Process p = new ProcessBuilder(binary.toString(), "--hardfork", "cancun", "--host", "127.0.0.1", "--port",
          Integer.toString(port), "--gas-limit", "100000000", "--silent")
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      Anvil a = new Anvil(p, URI.create("http://127.0.0.1:" + port), "");
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (true) {
        try {
          String v = a.rpc("web3_clientVersion", "[]").asText();
          return new Anvil(p, a.uri, v);
        } catch (IOException e) {
          if (System.nanoTime() > deadline || !p.isAlive()) {
            p.destroyForcibly();
            throw new IOException("anvil did not answer on " + a.uri, e);
          }
          Thread.sleep(100);
        }
      }
    }

    /** The whole JSON-RPC response (result or error). */
    JsonNode call(String method, String params) throws IOException, InterruptedException {
      String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":" + params + "}";
      HttpRequest req = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
          .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
      return JSON.readTree(http.send(req, HttpResponse.BodyHandlers.ofString()).body());
    }

    JsonNode rpc(String method, String params) throws IOException, InterruptedException {
      JsonNode r = call(method, params);
      if (r.has("error")) {
        throw new IllegalStateException(method + ": " + r.get("error"));
      }
      return r.get("result");
    }

    private double timedCall(byte[] code) throws IOException, InterruptedException {
      String to = CONTRACT.toHex();
      String params = "[{\"from\":\"" + CALLER.toHex() + "\",\"to\":\"" + to + "\",\"gas\":\"0x" + Long.toHexString(GAS)
          + "\"},\"latest\",{\"" + to + "\":{\"code\":\"0x" + HexFormat.of().formatHex(code) + "\"}}]";
      long t0 = System.nanoTime();
      try {
        rpc("eth_call", params);
      } catch (IllegalStateException outOfGas) {
        // the loops run until their gas is gone: anvil reports that as an error, after executing
      }
      return (System.nanoTime() - t0) / 1e6;
    }

    double callMillis(byte[] code) throws IOException, InterruptedException {
      double[] ms = new double[7];
      for (int i = 0; i < 10; i++) {
        double t = timedCall(code);
        if (i >= 3) {
          ms[i - 3] = t;
        }
      }
      Arrays.sort(ms);
      return ms[ms.length / 2];
    }

    double emptyCallMillis() throws IOException, InterruptedException {
      return callMillis(new byte[] {0x00});
    }

    @Override
    public void close() {
      process.destroy();
      try {
        process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      process.destroyForcibly();
    }
  }
}
