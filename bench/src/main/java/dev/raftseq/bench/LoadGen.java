package dev.raftseq.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.raftseq.bench.loadgen.ClosedLoopRun;
import dev.raftseq.bench.loadgen.JsonRpcClient;
import dev.raftseq.bench.loadgen.LoadGenOptions;
import dev.raftseq.bench.loadgen.LoadGenResult;
import dev.raftseq.bench.loadgen.LoadRun;
import dev.raftseq.bench.loadgen.RpcException;
import dev.raftseq.bench.loadgen.Ticker;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.Arrays;

/**
 * JSON-RPC load generator: pre-signed value transfers against loopback endpoints, open loop (a fixed
 * rate) or closed loop (batches as fast as they are answered), with submit→ack and submit→inclusion
 * latency. Run with {@code --help} for the options;
 * see bench/README.md.
 *
 * <p>Exit codes: 0 run completed (even with transaction errors, which are in the result), 2 bad
 * arguments, 3 the node could not be set up against (unreachable, bad answers), 4 the result file
 * could not be written.
 */
public final class LoadGen {
  private LoadGen() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
      out.print(LoadGenOptions.USAGE);
      return 0;
    }
    LoadGenOptions options;
    try {
      options = LoadGenOptions.parse(args);
    } catch (IllegalArgumentException e) {
      err.println("loadgen: " + e.getMessage());
      err.print(LoadGenOptions.USAGE);
      return 2;
    }
    LoadGenResult result;
    try (JsonRpcClient rpc = new JsonRpcClient(options.requestTimeout())) {
      result = options.closedLoop()
          ? new ClosedLoopRun(options, rpc, Ticker.system(), Clock.systemUTC(), err).run()
          : new LoadRun(options, rpc, Ticker.system(), Clock.systemUTC(), err).run();
    } catch (RpcException | IllegalArgumentException e) {
      err.println("loadgen: setup against " + options.rpcs().get(0) + " failed: " + e.getMessage());
      return 3;
    }
    out.print(result.toText());
    if (options.out().isPresent()) {
      try {
        appendJsonLine(options.out().get(), result);
        err.println("loadgen: result appended to " + options.out().get());
      } catch (IOException e) {
        err.println("loadgen: cannot write " + options.out().get() + ": " + e.getMessage());
        return 4;
      }
    }
    return 0;
  }

  static void appendJsonLine(Path file, LoadGenResult result) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    String line = new ObjectMapper().writeValueAsString(result) + System.lineSeparator();
    Files.writeString(file, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }
}
