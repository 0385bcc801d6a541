package dev.raftseq.raft;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.ratis.proto.RaftProtos.FollowerInfoProto;
import org.apache.ratis.proto.RaftProtos.RoleInfoProto;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.DivisionInfo;
import org.apache.ratis.server.RaftConfiguration;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.impl.ForcedCandidacy;

/** {@link DeadLeaderWatch}'s effects on a live Ratis division: its follower view, a TCP probe, a forced election. */
final class RatisLeaderProbe implements DeadLeaderWatch.Effects {
  private final Supplier<RaftServer.Division> division;
  private final int connectTimeoutMillis;

  RatisLeaderProbe(Supplier<RaftServer.Division> division, int connectTimeoutMillis) {
    this.division = division;
    this.connectTimeoutMillis = connectTimeoutMillis;
  }

  @Override
  public Optional<DeadLeaderWatch.Following> following() {
    RaftServer.Division d;
    try {
      d = division.get();
    } catch (IllegalStateException notStarted) {
      return Optional.empty();
    }
    DivisionInfo info = d.getInfo();
    RaftPeerId leader = info.getLeaderId();
    if (!info.isFollower() || leader == null) {
      return Optional.empty();
    }
    RoleInfoProto role = info.getRoleInfoProto();
    if (!role.hasFollowerInfo()) {
      return Optional.empty();
    }
    FollowerInfoProto f = role.getFollowerInfo();
    return Optional.of(new DeadLeaderWatch.Following(info.getCurrentTerm(), leader.toString(),
        f.getLeaderInfo().getLastRpcElapsedTimeMs(), f.getOutstandingOp() > 0));
  }

  @Override
  public int rank(String leaderId) {
    RaftServer.Division d = division.get();
    List<String> others = d.getRaftConf().getCurrentPeers().stream().map(p -> p.getId().toString())
        .filter(id -> !id.equals(leaderId)).sorted().toList();
    return others.indexOf(d.getId().toString());
  }

  @Override
  public DeadLeaderWatch.Probe probe(String leaderId) {
    RaftConfiguration conf = division.get().getRaftConf();
    RaftPeer peer = conf.getPeer(RaftPeerId.valueOf(leaderId));
    if (peer == null || peer.getAddress() == null) {
      return DeadLeaderWatch.Probe.INCONCLUSIVE;
    }
    InetSocketAddress target = parse(peer.getAddress());
    if (target == null || target.isUnresolved()) {
      return DeadLeaderWatch.Probe.INCONCLUSIVE;
    }
    return connect(target, connectTimeoutMillis);
  }

  /**
   * One TCP connection attempt. A Raft (gRPC over TLS) server that accepts waits for the client's
   * first bytes; a connection closed or reset by the other side at once, without a byte, means
   * something in front of the port (an L4 proxy or load balancer) accepted it and found no server
   * behind it, which counts as refused.
   */
  static DeadLeaderWatch.Probe connect(InetSocketAddress target, int timeoutMillis) {
    try (Socket s = new Socket()) {
      s.connect(target, timeoutMillis);
      s.setSoTimeout(timeoutMillis);
      try {
        return s.getInputStream().read() < 0 ? DeadLeaderWatch.Probe.REFUSED : DeadLeaderWatch.Probe.ACCEPTED;
      } catch (SocketTimeoutException listening) {
        return DeadLeaderWatch.Probe.ACCEPTED;
      } catch (IOException reset) {
        return DeadLeaderWatch.Probe.REFUSED;
      }
    } catch (ConnectException e) {
      // only an active refusal (RST) proves the port is closed; anything else may be the network
      String m = e.getMessage();
      return m != null && m.contains("refused") ? DeadLeaderWatch.Probe.REFUSED : DeadLeaderWatch.Probe.INCONCLUSIVE;
    } catch (IOException e) {
      return DeadLeaderWatch.Probe.INCONCLUSIVE;
    }
  }

  @Override
  public boolean campaign(String leaderId, long term) {
    return ForcedCandidacy.campaign(division.get(), RaftPeerId.valueOf(leaderId), term);
  }

  /** "host:port" or "[v6]:port" (as {@link RaftNodeConfig.Peer#address()} writes it), or null. */
  static InetSocketAddress parse(String address) {
    int colon = address.lastIndexOf(':');
    if (colon <= 0 || colon == address.length() - 1) {
      return null;
    }
    String host = address.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    try {
      return new InetSocketAddress(host, Integer.parseInt(address.substring(colon + 1)));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
