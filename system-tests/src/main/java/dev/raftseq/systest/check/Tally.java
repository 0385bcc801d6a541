package dev.raftseq.systest.check;

import java.util.ArrayList;
import java.util.List;

/** What one invariant checked: how many items, how many violated it, and the first few. */
public final class Tally {
  static final int MAX_EXAMPLES = 20;

  private final String name;
  private long checked;
  private long violations;
  private long unverified;
  private final List<String> examples = new ArrayList<>();

  Tally(String name) {
    this.name = name;
  }

  public String name() {
    return name;
  }

  void checked(long n) {
    checked += n;
  }

  void checked() {
    checked++;
  }

  /** An item that could not be verified either way (e.g. a term no status poll observed). */
  void unverified() {
    unverified++;
  }

  void violation(String format, Object... args) {
    violations++;
    if (examples.size() < MAX_EXAMPLES) {
      examples.add(String.format(java.util.Locale.ROOT, format, args));
    }
  }

  public long checkedCount() {
    return checked;
  }

  public long violationCount() {
    return violations;
  }

  public long unverifiedCount() {
    return unverified;
  }

  public List<String> examples() {
    return List.copyOf(examples);
  }
}
