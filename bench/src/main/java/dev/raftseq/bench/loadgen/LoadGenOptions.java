package dev.raftseq.bench.loadgen;

import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything one load-generator run needs, as parsed from the command line. Every bound is checked
 * here, so a run cannot be unbounded in count, time or in-flight requests.
 */
public record LoadGenOptions(
    List<URI> rpcs,
    Optional<Long> chainId,
    String mnemonic,
    int firstAccount,
    int accounts,
    double ratePerSecond,
    Duration duration,
    int maxTxs,
    TxKind kind,
    Optional<BigInteger> maxFee,
    Optional<BigInteger> tip,
    BigInteger gasLimit,
    BigInteger value,
    Duration drainTimeout,
    Duration pollInterval,
    Duration requestTimeout,
    int maxInFlight,
    Optional<Path> out,
    String label,
    int closedLoopConcurrency,
    int batchSize) {

  /** Hard caps that keep a mistyped flag from turning into an hour-long flood or an OOM. */
  public static final int MAX_TXS_CAP = 1_000_000;
  public static final Duration MAX_DURATION = Duration.ofHours(1);
  public static final int MAX_ACCOUNTS = 100_000;

  public static final String USAGE = """
      usage: LoadGen --rpc URL [--rpc URL ...] --rate TPS --duration SECONDS [options]
        --rpc URL             JSON-RPC endpoint on a loopback address; repeat to round-robin (blocks are
                              watched on the first)
        --rate TPS            target submission rate, open loop (default 100)
        --duration SECONDS    length of the submission phase (default 10)
        --max-txs N           cap on transactions (default rate*duration, at most 1000000)
        --accounts N          sender accounts (default 10)
        --first-account I     index of the first sender at m/44'/60'/0'/0/I (default 0)
        --mnemonic WORDS      BIP-39 mnemonic (default: test test ... junk, anvil's)
        --chain-id ID         chain id to sign for (default: ask eth_chainId)
        --type legacy|1559    transaction type (default 1559)
        --max-fee WEI         maxFeePerGas, or gasPrice for legacy; 2gwei style allowed
                              (default 2 * eth_gasPrice (+ tip))
        --tip WEI             maxPriorityFeePerGas for 1559 (default 1gwei)
        --gas-limit N         gas limit per transfer (default 21000)
        --value WEI           value of each transfer (default 1)
        --drain-timeout S     how long to wait for inclusion after the last send (default 30)
        --poll-ms MS          block polling interval (default 20)
        --request-timeout S   per-request timeout (default 10)
        --max-in-flight N     requests outstanding at once; beyond this sends are skipped and
                              counted as errors (default 4096; each is one
                              HTTP/1.1 connection)
        --out FILE            append the result as one JSON line to FILE
        --label TEXT          name of this run in the output (default: the first RPC URL)
        --closed-loop C       closed loop instead: C senders of JSON-RPC batches, each sending its next
                              batch as soon as the previous one is answered, until --duration or
                              --max-txs; --rate is then ignored (it only sizes the pre-signed set
                              with --duration unless --max-txs is given)
        --batch N             transactions per JSON-RPC batch request (default 1)
      """;

  public LoadGenOptions {
    rpcs = List.copyOf(rpcs);
    if (rpcs.isEmpty()) {
      throw new IllegalArgumentException("at least one --rpc URL is required");
    }
    rpcs.forEach(u -> LoopbackEndpoints.requireLoopback(u.toString()));
    chainId.ifPresent(id -> requirePositive("--chain-id", id));
    requireRange("--first-account", firstAccount, 0, Integer.MAX_VALUE - MAX_ACCOUNTS);
    requireRange("--accounts", accounts, 1, MAX_ACCOUNTS);
    if (!(ratePerSecond > 0) || ratePerSecond > 1_000_000) {
      throw new IllegalArgumentException("--rate must be in (0, 1000000], got " + ratePerSecond);
    }
    if (duration.isNegative() || duration.isZero() || duration.compareTo(MAX_DURATION) > 0) {
      throw new IllegalArgumentException("--duration must be in (0, 3600] seconds, got " + duration.toMillis() / 1000.0);
    }
    requireRange("--max-txs", maxTxs, 1, MAX_TXS_CAP);
    requirePositive("--gas-limit", gasLimit.longValueExact());
    if (value.signum() < 0) {
      throw new IllegalArgumentException("--value must not be negative");
    }
    requireRange("--drain-timeout", drainTimeout.toMillis(), 0, MAX_DURATION.toMillis());
    requireRange("--poll-ms", pollInterval.toMillis(), 1, 10_000);
    requireRange("--request-timeout", requestTimeout.toMillis(), 1, 600_000);
    requireRange("--max-in-flight", maxInFlight, 1, 1_000_000);
    label = label == null || label.isBlank() ? rpcs.get(0).toString() : label;
    requireRange("--closed-loop", closedLoopConcurrency, 0, 1_000);
    requireRange("--batch", batchSize, 1, 10_000);
  }

  public boolean closedLoop() {
    return closedLoopConcurrency > 0;
  }

  /** Number of transactions this run plans: rate × duration, capped by {@link #maxTxs()}; closed loop: max-txs. */
  public int plannedTxs() {
    if (closedLoop()) {
      return maxTxs;
    }
    double n = Math.ceil(ratePerSecond * duration.toNanos() / 1e9);
    return (int) Math.max(1, Math.min(n, maxTxs));
  }

  /** Parses command-line arguments; throws {@link IllegalArgumentException} with a clear message. */
  public static LoadGenOptions parse(String... args) {
    List<URI> rpcs = new ArrayList<>();
    Long chainId = null;
    String mnemonic = DevAccounts.TEST_MNEMONIC;
    int first = 0;
    int accounts = 10;
    double rate = 100;
    double durationS = 10;
    Integer maxTxs = null;
    TxKind kind = TxKind.EIP1559;
    BigInteger maxFee = null;
    BigInteger tip = null;
    BigInteger gasLimit = BigInteger.valueOf(21_000);
    BigInteger value = BigInteger.ONE;
    double drainS = 30;
    long pollMs = 20;
    double requestTimeoutS = 10;
    int maxInFlight = 4096;
    Path out = null;
    String label = null;
    int closedLoop = 0;
    int batch = 1;
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      if (flag.equals("-h") || flag.equals("--help")) {
        throw new IllegalArgumentException("help requested");
      }
      if (!flag.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument '" + flag + "'");
      }
      String v;
      int eq = flag.indexOf('=');
      if (eq > 0) {
        v = flag.substring(eq + 1);
        flag = flag.substring(0, eq);
      } else {
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(flag + " needs a value");
        }
        v = args[++i];
      }
      switch (flag) {
        case "--rpc" -> rpcs.add(LoopbackEndpoints.requireLoopback(v));
        case "--chain-id" -> chainId = parseLong(flag, v);
        case "--mnemonic" -> mnemonic = v.trim();
        case "--first-account" -> first = parseInt(flag, v);
        case "--accounts" -> accounts = parseInt(flag, v);
        case "--rate" -> rate = parseDouble(flag, v);
        case "--duration" -> durationS = parseDouble(flag, v);
        case "--max-txs" -> maxTxs = parseInt(flag, v);
        case "--type" -> kind = TxKind.parse(v);
        case "--max-fee" -> maxFee = Units.parseWei(flag, v);
        case "--tip" -> tip = Units.parseWei(flag, v);
        case "--gas-limit" -> gasLimit = BigInteger.valueOf(parseLong(flag, v));
        case "--value" -> value = Units.parseWei(flag, v);
        case "--drain-timeout" -> drainS = parseDouble(flag, v);
        case "--poll-ms" -> pollMs = parseLong(flag, v);
        case "--request-timeout" -> requestTimeoutS = parseDouble(flag, v);
        case "--max-in-flight" -> maxInFlight = parseInt(flag, v);
        case "--out" -> out = Path.of(v);
        case "--label" -> label = v;
        case "--closed-loop" -> closedLoop = parseInt(flag, v);
        case "--batch" -> batch = parseInt(flag, v);
        default -> throw new IllegalArgumentException("unknown option '" + flag + "'");
      }
    }
    if (rpcs.isEmpty()) {
      throw new IllegalArgumentException("at least one --rpc URL is required");
    }
    requireFiniteSeconds("--duration", durationS);
    requireFiniteSeconds("--drain-timeout", drainS);
    requireFiniteSeconds("--request-timeout", requestTimeoutS);
    int cap = maxTxs != null ? maxTxs : MAX_TXS_CAP;
    if (maxTxs == null && Double.isFinite(rate) && rate * durationS > MAX_TXS_CAP) {
      throw new IllegalArgumentException("--rate × --duration = " + (long) (rate * durationS)
          + " transactions exceeds the cap of " + MAX_TXS_CAP + "; lower one of them or set --max-txs");
    }
    return new LoadGenOptions(rpcs, Optional.ofNullable(chainId), mnemonic, first, accounts, rate,
        seconds(durationS), cap, kind, Optional.ofNullable(maxFee), Optional.ofNullable(tip), gasLimit, value,
        seconds(drainS), Duration.ofMillis(pollMs), seconds(requestTimeoutS), maxInFlight,
        Optional.ofNullable(out), label, closedLoop, batch);
  }

  private static Duration seconds(double s) {
    return Duration.ofNanos((long) (s * 1e9));
  }

  private static void requireFiniteSeconds(String flag, double s) {
    if (!Double.isFinite(s) || s < 0 || s > MAX_DURATION.toSeconds()) {
      throw new IllegalArgumentException(flag + " must be between 0 and 3600 seconds, got " + s);
    }
  }

  private static void requirePositive(String flag, long v) {
    if (v <= 0) {
      throw new IllegalArgumentException(flag + " must be positive, got " + v);
    }
  }

  private static void requireRange(String flag, long v, long min, long max) {
    if (v < min || v > max) {
      throw new IllegalArgumentException(flag + " must be in [" + min + ", " + max + "], got " + v);
    }
  }

  private static int parseInt(String flag, String v) {
    long l = parseLong(flag, v);
    if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(flag + " is out of range: " + v);
    }
    return (int) l;
  }

  private static long parseLong(String flag, String v) {
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " must be an integer, got '" + v + "'");
    }
  }

  private static double parseDouble(String flag, String v) {
    try {
      double d = Double.parseDouble(v.trim());
      if (!Double.isFinite(d)) {
        throw new NumberFormatException();
      }
      return d;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " must be a number, got '" + v + "'");
    }
  }
}
