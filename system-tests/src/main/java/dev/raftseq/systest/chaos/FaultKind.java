package dev.raftseq.systest.chaos;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The faults the nemesis can inject, by their names on the command line. */
public enum FaultKind {
  /** kill -9 a node (the leader more often), restart it after a while. */
  KILL,
  /** SIGSTOP a node for longer than the election timeout, then SIGCONT. */
  PAUSE,
  /** Cut Raft traffic: isolate one node, or cut a single link. */
  PARTITION,
  /** Fill one node's file system, then free it. */
  DISK,
  /** Jump one node's wall clock forwards or backwards, then back. */
  CLOCK,
  /**
   * Cut the power of the whole cluster or of one node (the leader more often): kill -9, lose every
   * write not yet fsynced (each node's data is on its own lossyfs mount), restart after the hold.
   * A cut of one node shows it rejoins and catches up; only a cut of a majority shows that
   * acknowledged data was synced (one node's lost writes are repaired by its peers). Opt-in (not
   * in the default set): needs lossyfs (scripts/install-lossyfs.sh), /dev/fuse and root; not with disk.
   */
  POWERCUT;

  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** "kill,pause,partition" → the set; unknown names are an error naming the valid ones. */
  public static Set<FaultKind> parse(String list) {
    Set<FaultKind> out = EnumSet.noneOf(FaultKind.class);
    for (String s : list.split(",")) {
      String name = s.trim().toUpperCase(Locale.ROOT);
      if (name.isEmpty()) {
        continue;
      }
      try {
        out.add(valueOf(name));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("unknown fault '" + s.trim() + "'; known: "
            + Arrays.stream(values()).map(FaultKind::cliName).collect(Collectors.joining(",")));
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("no fault kinds given");
    }
    return out;
  }
}
