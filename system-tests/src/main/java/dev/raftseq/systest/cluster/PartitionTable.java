package dev.raftseq.systest.cluster;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Which directed links are cut right now; shared by every proxy of a cluster. */
public final class PartitionTable {
  private final Set<Link> cut = ConcurrentHashMap.newKeySet();
  private final Set<Runnable> healListeners = ConcurrentHashMap.newKeySet();
  private final Set<Runnable> cutListeners = ConcurrentHashMap.newKeySet();

  public boolean isCut(int from, int to) {
    return from >= 0 && from != to && cut.contains(new Link(from, to));
  }

  /** Cuts both directions between each pair. */
  public void cut(Set<Link> links) {
    for (Link l : links) {
      cut.add(l);
      cut.add(new Link(l.to(), l.from()));
    }
    cutListeners.forEach(Runnable::run);
  }

  public void healAll() {
    cut.clear();
    healListeners.forEach(Runnable::run);
  }

  public Set<Link> current() {
    return Set.copyOf(cut);
  }

  void onHeal(Runnable r) {
    healListeners.add(r);
  }

  void onCut(Runnable r) {
    cutListeners.add(r);
  }

  void remove(Runnable r) {
    healListeners.remove(r);
    cutListeners.remove(r);
  }
}
