package dev.raftseq.systest.chaos;

import dev.raftseq.systest.cluster.ClockControl;
import dev.raftseq.systest.cluster.DiskControl;
import dev.raftseq.systest.cluster.LossyFs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.Set;

/**
 * {@code chaos.sh}'s entry point:
 * {@code ChaosMain --cycles N --seed S [--faults kill,pause,partition,disk,clock,powercut] [--rate TX/S]
 * [--accounts N] [--max-minutes M] [--out DIR] [--keep]}. Prints the summary; exits 0 when every
 * invariant held, 1 on a violation, 2 on bad arguments or an unsupported fault.
 */
public final class ChaosMain {
  private ChaosMain() {}

  public static void main(String[] args) throws Exception {
    int cycles = 10;
    long seed = System.currentTimeMillis();
    Set<FaultKind> faults = null;
    double rate = 30;
    int accounts = 24;
    long maxMinutes = 60;
    Path out = null;
    boolean keep = false;
    Path repo = Path.of(System.getProperty("repo.root", ".")).toAbsolutePath().normalize();
    try {
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--cycles" -> cycles = Integer.parseInt(args[++i]);
          case "--seed" -> seed = Long.parseLong(args[++i]);
          case "--faults" -> faults = FaultKind.parse(args[++i]);
          case "--rate" -> rate = Double.parseDouble(args[++i]);
          case "--accounts" -> accounts = Integer.parseInt(args[++i]);
          case "--max-minutes" -> maxMinutes = Long.parseLong(args[++i]);
          case "--out" -> out = Path.of(args[++i]);
          case "--keep" -> keep = true;
          default -> throw new IllegalArgumentException("unknown argument " + args[i]);
        }
      }
      if (faults == null) {
        faults = supported();
      }
      checkSupported(faults);
    } catch (RuntimeException e) {
      System.err.println("chaos: " + e.getMessage());
      System.err.println("usage: chaos.sh --cycles N --seed S [--faults kill,pause,partition,disk,clock,powercut] [--rate TX/S]"
          + " [--accounts N] [--max-minutes M] [--out DIR] [--keep]");
      System.exit(2);
      return;
    }
    if (out == null) {
      out = repo.resolve("system-tests/target/chaos").resolve(
          LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-seed" + seed);
    }
    Files.createDirectories(out);
    Path jar = Path.of(System.getProperty("node.jar", repo.resolve("node/target/node.jar").toString()));
    Campaign campaign = new Campaign(new CampaignOptions(cycles, seed, faults, rate, accounts,
        Duration.ofMinutes(maxMinutes), out, keep, jar, repo));
    Runtime.getRuntime().addShutdownHook(new Thread(campaign::abort, "chaos-abort"));
    Campaign.Result result = campaign.run();
    System.out.println(result.summary().toPrettyString());
    System.out.println(result.report().valid() ? "chaos: 0 violations (" + out + ")"
        : "chaos: " + result.report().violations() + " VIOLATIONS; history, logs and data kept in " + out);
    System.exit(result.report().valid() ? 0 : 1);
  }

  /** Every kind this machine can inject: disk needs root (tmpfs), clock needs libfaketime. */
  public static Set<FaultKind> supported() {
    Set<FaultKind> s = EnumSet.of(FaultKind.KILL, FaultKind.PAUSE, FaultKind.PARTITION);
    if (ClockControl.library().isPresent()) {
      s.add(FaultKind.CLOCK);
    }
    if (DiskControl.supported()) {
      s.add(FaultKind.DISK);
    }
    return s;
  }

  static void checkSupported(Set<FaultKind> faults) {
    if (faults.contains(FaultKind.CLOCK) && ClockControl.library().isEmpty()) {
      throw new IllegalArgumentException("clock faults need libfaketime (" + ClockControl.LIBRARY
          + "): apt-get install -y faketime");
    }
    if (faults.contains(FaultKind.POWERCUT)) {
      if (faults.contains(FaultKind.DISK)) {
        throw new IllegalArgumentException("powercut and disk faults cannot run together (a node's data is on lossyfs or on a tmpfs)");
      }
      Path repo = Path.of(System.getProperty("repo.root", ".")).toAbsolutePath().normalize();
      LossyFs.unavailable(repo).ifPresent(why -> {
        throw new IllegalArgumentException("power cuts need lossyfs: " + why);
      });
    }
    if (faults.contains(FaultKind.DISK) && !DiskControl.supported()) {
      throw new IllegalArgumentException("disk faults mount a size-capped tmpfs, which needs root");
    }
  }
}
