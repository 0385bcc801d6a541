package dev.raftseq.raft;

import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fast failover when the leader's process is gone. Ratis campaigns only after a randomized election
 * timeout without a heartbeat, and its follower loop checks only at the end of each sleep, so a
 * {@code kill -9} of the leader costs one to two election timeouts before anyone campaigns. Here a
 * follower whose leader has been silent past a heartbeat interval ({@code probeAfter}) opens a TCP
 * connection to the leader's Raft port. A refusal means nothing listens there: the leader's server
 * is down on a live host (so does a connection closed at once without a byte: a proxy in front of the
 * port with no server behind it). The follower then campaigns at once, without pre-vote, as Ratis does when
 * a leader hands over; the other survivor grants the vote because the term is higher. A silent
 * leader that still accepts connections (paused, overloaded, or behind a network that drops packets)
 * is left to Ratis's election timeout, so pre-vote still protects a healthy leader from a follower
 * that merely cannot hear it.
 *
 * <p>Past its threshold a follower probes every {@code probeAfter / 5} (a refused connection costs a
 * round trip), because the first probe can come before the dying process has released its port.
 * Two survivors campaigning at once would split the vote and cost a full election timeout, so a
 * follower's threshold is {@code probeAfter × (1 + 2 × rank)}, where rank orders the voting members
 * other than the leader by id: the first in rank has found the port closed and won long before the
 * next one's threshold, which then sees a new leader (or a new term) and does nothing.
 * A node campaigns this way against the same leader at most once per {@code holdOff}, which bounds
 * the harm of a firewall that answers this follower's connections with resets while the leader is in
 * fact alive (the two would otherwise take leadership from each other in turn).
 *
 * <p>A follower that is itself behind (just restarted, still catching up) can be first in rank; its
 * campaign then loses to the other survivor's longer log, and Ratis's election timeout elects that
 * one, as without this watch.
 *
 * <p>Pure logic driven by {@link #poll()} on one thread; what it observes and does goes through
 * {@link Effects}, time through the injected clock.
 */
final class DeadLeaderWatch {
  private static final Logger LOG = LoggerFactory.getLogger(DeadLeaderWatch.class);

  /** What a connection attempt to the leader's Raft port showed. */
  enum Probe {
    /**
     * Actively refused (no process listens on the port), or accepted and closed at once without a
     * byte (a proxy in front of the port with no server behind it).
     */
    REFUSED,
    /** Something accepted the connection and kept it open. */
    ACCEPTED,
    /** Timed out or failed otherwise (unreachable host, lost packets): proves nothing. */
    INCONCLUSIVE
  }

  /**
   * This node as a follower with a known leader.
   *
   * @param term the current term
   * @param leaderId the leader's Raft peer id
   * @param silentMillis how long since the leader's last request reached this node
   * @param busy whether a request from the leader is being handled right now (then it is not silent)
   */
  record Following(long term, String leaderId, long silentMillis, boolean busy) {
    Following {
      Objects.requireNonNull(leaderId, "leaderId");
    }
  }

  interface Effects {
    /** This node's view, or empty when it is not a voting follower with a known leader. */
    Optional<Following> following();

    /**
     * This node's place among the voting members other than {@code leaderId}, by id (0 first), or
     * -1 when it is not a voting member. Asked only once the leader is silent (it sorts the members).
     */
    int rank(String leaderId);

    /** Tries to connect to the leader's Raft port; blocks at most a short connect timeout. */
    Probe probe(String leaderId);

    /** Campaigns now if still following {@code leaderId} in {@code term}; whether it did. */
    boolean campaign(String leaderId, long term);
  }

  private final String nodeName;
  private final Effects effects;
  private final InstantSource clock;
  private final long probeAfterMillis;
  private final long probeEveryMillis;
  private final long holdOffMillis;
  private long lastProbeAt = Long.MIN_VALUE;
  private long lastCampaignAt = Long.MIN_VALUE;
  private String lastCampaignAgainst;
  private volatile long campaigns;
  private String lastHeldOff;

  DeadLeaderWatch(String nodeName, Effects effects, InstantSource clock, Duration probeAfter, Duration holdOff) {
    this.nodeName = Objects.requireNonNull(nodeName, "nodeName");
    this.effects = Objects.requireNonNull(effects, "effects");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (probeAfter.isNegative() || probeAfter.isZero() || holdOff.isNegative()) {
      throw new IllegalArgumentException("probeAfter must be positive and holdOff not negative");
    }
    this.probeAfterMillis = probeAfter.toMillis();
    this.probeEveryMillis = Math.max(1, probeAfterMillis / 5);
    this.holdOffMillis = holdOff.toMillis();
  }

  /** One step: observe, maybe probe, maybe campaign. Call every few tens of milliseconds. */
  void poll() {
    Optional<Following> seen = effects.following();
    if (seen.isEmpty()) {
      return;
    }
    Following f = seen.get();
    long now = clock.millis();
    if (f.busy() || f.silentMillis() < probeAfterMillis
        || (lastProbeAt != Long.MIN_VALUE && now - lastProbeAt < probeEveryMillis)) {
      return;
    }
    int rank = effects.rank(f.leaderId());
    if (rank < 0 || f.silentMillis() < probeAfterMillis * (1 + 2L * rank)) {
      return;
    }
    lastProbeAt = now;
    Probe probe = effects.probe(f.leaderId());
    if (probe != Probe.REFUSED) {
      return;
    }
    if (f.leaderId().equals(lastCampaignAgainst) && now - lastCampaignAt < holdOffMillis) {
      String episode = f.leaderId() + "@" + f.term();
      if (!episode.equals(lastHeldOff)) {
        lastHeldOff = episode;
        LOG.warn("{}: leader {} silent for {} ms and its Raft port refuses connections, but this node campaigned"
            + " {} ms ago; leaving it to the election timeout", nodeName, shortId(f.leaderId()), f.silentMillis(),
            now - lastCampaignAt);
      }
      return;
    }
    if (effects.campaign(f.leaderId(), f.term())) {
      lastCampaignAt = now;
      lastCampaignAgainst = f.leaderId();
      campaigns++;
      LOG.warn("{}: leader {} silent for {} ms and its Raft port refuses connections: its process is gone;"
          + " campaigning now (term {})", nodeName, shortId(f.leaderId()), f.silentMillis(), f.term() + 1);
    }
  }

  /** Elections this node started because its leader's port refused connections. */
  long campaigns() {
    return campaigns;
  }

  private static String shortId(String peerId) {
    return peerId.length() > 8 ? peerId.substring(0, 8) : peerId;
  }
}
