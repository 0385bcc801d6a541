package dev.raftseq.bench;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.raftseq.bench.loadgen.LatencySummary;
import dev.raftseq.bench.loadgen.LoadGenResult;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * Side-by-side table of two {@link LoadGen} results (the last JSON line of each file): our node
 * against anvil, with the ratio ours/anvil per metric. Usage:
 * {@code LoadGenComparison --anvil anvil.jsonl [--ours ours.jsonl]}; without {@code --ours} it
 * prints the anvil column alone.
 */
public final class LoadGenComparison {
  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private LoadGenComparison() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    Path anvil = null;
    Path ours = null;
    boolean ok = args.length % 2 == 0;
    for (int i = 0; ok && i < args.length; i += 2) {
      switch (args[i]) {
        case "--anvil" -> anvil = Path.of(args[i + 1]);
        case "--ours" -> ours = Path.of(args[i + 1]);
        default -> ok = false;
      }
    }
    if (!ok || anvil == null) {
      err.println("usage: LoadGenComparison --anvil ANVIL.jsonl [--ours OURS.jsonl]");
      return 2;
    }
    try {
      LoadGenResult a = lastResult(anvil);
      Optional<LoadGenResult> o = ours == null ? Optional.empty() : Optional.of(lastResult(ours));
      out.print(render(o, a));
      return 0;
    } catch (IOException | IllegalArgumentException e) {
      err.println("loadgen comparison: " + e.getMessage());
      return 3;
    }
  }

  static LoadGenResult lastResult(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList();
    if (lines.isEmpty()) {
      throw new IllegalArgumentException(file + " holds no result line");
    }
    return JSON.readValue(lines.get(lines.size() - 1), LoadGenResult.class);
  }

  /** The table; with {@code ours} empty only the anvil column is shown. */
  static String render(Optional<LoadGenResult> ours, LoadGenResult anvil) {
    List<Row> rows = new ArrayList<>();
    rows.add(new Row("planned txs", r -> r.planned(), "%.0f"));
    rows.add(new Row("sent", r -> r.sent(), "%.0f"));
    rows.add(new Row("acked", r -> r.acked(), "%.0f"));
    rows.add(new Row("included", r -> r.included(), "%.0f"));
    rows.add(new Row("errors", r -> r.errors(), "%.0f"));
    rows.add(new Row("acked, not included", r -> r.notIncluded(), "%.0f"));
    rows.add(new Row("submitted tx/s", LoadGenResult::submittedTps, "%.1f"));
    rows.add(new Row("included tx/s", LoadGenResult::includedTps, "%.1f"));
    latencyRows(rows, "submit->ack", LoadGenResult::ackLatency);
    latencyRows(rows, "submit->inclusion", LoadGenResult::inclusionLatency);
    rows.add(new Row("send lag p99 ms", r -> r.sendLag().p99Ms(), "%.2f"));
    rows.add(new Row("blocks with our txs", r -> r.blocksWithOurTxs(), "%.0f"));
    rows.add(new Row("max our txs per block", r -> r.maxOurTxsPerBlock(), "%.0f"));

    StringBuilder b = new StringBuilder();
    LoadGenResult params = ours.orElse(anvil);
    b.append(String.format(Locale.ROOT, "LoadGen: target %.1f tx/s for %.1f s, %d accounts from #%d, type %s%n",
        params.targetTps(), params.durationSeconds(), params.accounts(), params.firstAccount(), params.type()));
    ours.ifPresent(o -> b.append("  ours:  ").append(String.join(", ", o.rpcs())).append(" (").append(o.startedAt())
        .append(")\n"));
    b.append("  anvil: ").append(String.join(", ", anvil.rpcs())).append(" (").append(anvil.startedAt()).append(")\n");
    if (ours.isPresent() && !sameParameters(ours.get(), anvil)) {
      b.append("  WARNING: the two runs used different parameters; ratios compare unlike things\n");
    }
    String header = ours.isPresent()
        ? String.format(Locale.ROOT, "%-26s %12s %12s %12s%n", "metric", "ours", "anvil", "ours/anvil")
        : String.format(Locale.ROOT, "%-26s %12s%n", "metric", "anvil");
    b.append(header).append("-".repeat(header.length() - 1)).append('\n');
    for (Row row : rows) {
      double a = row.value.applyAsDouble(anvil);
      if (ours.isPresent()) {
        double o = row.value.applyAsDouble(ours.get());
        String ratio = a == 0 ? "-" : String.format(Locale.ROOT, "%.2f", o / a);
        b.append(String.format(Locale.ROOT, "%-26s %12s %12s %12s%n", row.name, fmt(row, o), fmt(row, a), ratio));
      } else {
        b.append(String.format(Locale.ROOT, "%-26s %12s%n", row.name, fmt(row, a)));
      }
    }
    b.append("(tx/s: higher is better; latencies: lower is better; latency runs from the scheduled send time)\n");
    return b.toString();
  }

  static boolean sameParameters(LoadGenResult x, LoadGenResult y) {
    return x.targetTps() == y.targetTps() && x.durationSeconds() == y.durationSeconds() && x.accounts() == y.accounts()
        && x.type().equals(y.type()) && x.planned() == y.planned();
  }

  private static void latencyRows(List<Row> rows, String name, java.util.function.Function<LoadGenResult, LatencySummary> f) {
    rows.add(new Row(name + " p50 ms", r -> f.apply(r).p50Ms(), "%.2f"));
    rows.add(new Row(name + " p90 ms", r -> f.apply(r).p90Ms(), "%.2f"));
    rows.add(new Row(name + " p99 ms", r -> f.apply(r).p99Ms(), "%.2f"));
    rows.add(new Row(name + " max ms", r -> f.apply(r).maxMs(), "%.2f"));
  }

  private static String fmt(Row row, double v) {
    return String.format(Locale.ROOT, row.format, v);
  }

  private record Row(String name, ToDoubleFunction<LoadGenResult> value, String format) {}
}
