package dev.raftseq.raft;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.RaftConfigKeys;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.client.retry.RequestTypeDependentRetryPolicy;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.proto.RaftProtos.RaftClientRequestProto.TypeCase;
import org.apache.ratis.retry.ExponentialBackoffRetry;
import org.apache.ratis.retry.RetryPolicy;
import org.apache.ratis.rpc.SupportedRpcType;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.util.SizeInBytes;
import org.apache.ratis.util.TimeDuration;

/** Turns a {@link RaftNodeConfig} into Ratis properties; every Ratis knob we set is here. */
final class RaftPropertiesFactory {
  /** Room for the protobuf envelope around an entry's payload. */
  private static final int ENTRY_OVERHEAD_BYTES = 64 * 1024;

  private RaftPropertiesFactory() {}

  static RaftProperties server(RaftNodeConfig c) {
    RaftNodeConfig.Timeouts t = c.timeouts();
    RaftNodeConfig.Retention r = c.retention();
    RaftProperties p = new RaftProperties();
    RaftConfigKeys.Rpc.setType(p, SupportedRpcType.GRPC);
    RaftServerConfigKeys.setStorageDir(p, List.of(c.storageDir().toFile()));

    RaftNodeConfig.Peer self = c.localPeer();
    GrpcConfigKeys.Server.setHost(p, c.bindHost() != null ? c.bindHost() : self.host());
    GrpcConfigKeys.Server.setPort(p, self.raftPort());
    GrpcConfigKeys.setMessageSizeMax(p, SizeInBytes.valueOf(grpcMessageMax(c)));

    RaftServerConfigKeys.Rpc.setTimeoutMin(p, td(t.electionMin()));
    RaftServerConfigKeys.Rpc.setTimeoutMax(p, td(t.electionMax()));
    RaftServerConfigKeys.Rpc.setFirstElectionTimeoutMin(p, td(t.firstElectionMin()));
    RaftServerConfigKeys.Rpc.setFirstElectionTimeoutMax(p, td(t.firstElectionMax()));
    RaftServerConfigKeys.Rpc.setRequestTimeout(p, td(t.rpcRequest()));
    RaftServerConfigKeys.Rpc.setSlownessTimeout(p, td(t.rpcSlowness()));
    RaftServerConfigKeys.LeaderElection.setLeaderStepDownWaitTime(p, td(t.leaderStepDownWait()));
    RaftServerConfigKeys.RetryCache.setExpiryTime(p, td(t.retryCacheExpiry()));

    RaftServerConfigKeys.Log.setUseMemory(p, false);
    // With "append-entries compose" (on by default since RATIS-2242), a follower accepts a heartbeat whose
    // previous entry is only in a batch still waiting to be written, and at once raises its commit index to
    // min(leaderCommit, previous) capped by its flush index, which still counts an old uncommitted tail
    // that batch is about to truncate (RaftServerImpl.appendEntriesAsync, checkInconsistentAppendEntries).
    // A restarted ex-leader then applies its own never-committed proposal: the seed-1207 fork. Off, the
    // previous entry must be in the log itself, as the Raft paper requires.
    RaftServerConfigKeys.Log.setAppendEntriesComposeEnabled(p, false);
    RaftServerConfigKeys.Log.setSegmentSizeMax(p, SizeInBytes.valueOf(r.segmentSizeMaxBytes()));
    RaftServerConfigKeys.Log.setPreallocatedSize(p,
        SizeInBytes.valueOf(Math.min(r.segmentSizeMaxBytes(), 4L * 1024 * 1024)));
    int appenderBuffer = appenderBufferBytes(c);
    RaftServerConfigKeys.Log.Appender.setBufferByteLimit(p, SizeInBytes.valueOf(appenderBuffer));
    RaftServerConfigKeys.Log.setWriteBufferSize(p, SizeInBytes.valueOf(appenderBuffer + ENTRY_OVERHEAD_BYTES));
    // followers behind the retained log are told to catch up out of band (block sync), never sent state
    RaftServerConfigKeys.Log.Appender.setInstallSnapshotEnabled(p, false);
    RaftServerConfigKeys.Log.setPurgeUptoSnapshotIndex(p, !r.keepForLaggingFollowers());
    RaftServerConfigKeys.Log.setPurgeGap(p, r.purgeGap());
    RaftServerConfigKeys.Log.setPurgePreservationLogNum(p, r.preservedEntries());

    RaftServerConfigKeys.Write.setElementLimit(p, c.limits().writeElementLimit());
    RaftServerConfigKeys.Write.setByteLimit(p, SizeInBytes.valueOf(Math.max(64L * 1024 * 1024, 4L * appenderBuffer)));

    RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(p, true);
    RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(p, r.snapshotThreshold());
    RaftServerConfigKeys.Snapshot.setRetentionFileNum(p, r.snapshotMarkersRetained());
    return p;
  }

  static RaftProperties client(RaftNodeConfig c) {
    RaftProperties p = new RaftProperties();
    RaftConfigKeys.Rpc.setType(p, SupportedRpcType.GRPC);
    RaftClientConfigKeys.Rpc.setRequestTimeout(p, td(c.timeouts().clientRequest()));
    GrpcConfigKeys.setMessageSizeMax(p, SizeInBytes.valueOf(grpcMessageMax(c)));
    return p;
  }

  /**
   * Retries with exponential backoff (50 ms doubling to 1 s) until the retry window has passed since
   * the request was created: long enough to ride out a leader failover, bounded so callers get an
   * answer. The same (client, call) id is reused, so the servers' retry cache deduplicates retries.
   */
  static RetryPolicy clientRetryPolicy(RaftNodeConfig c) {
    RetryPolicy backoff = ExponentialBackoffRetry.newBuilder()
        .setBaseSleepTime(TimeDuration.valueOf(50, TimeUnit.MILLISECONDS))
        .setMaxSleepTime(TimeDuration.valueOf(1, TimeUnit.SECONDS))
        .setMaxAttempts(Integer.MAX_VALUE)
        .build();
    RequestTypeDependentRetryPolicy.Builder b = RequestTypeDependentRetryPolicy.newBuilder();
    for (TypeCase type : TypeCase.values()) {
      if (type != TypeCase.TYPE_NOT_SET) {
        b.setRetryPolicy(type, backoff).setTimeout(type, td(c.timeouts().clientRetryWindow()));
      }
    }
    return b.build();
  }

  private static int appenderBufferBytes(RaftNodeConfig c) {
    return Math.max(4 * 1024 * 1024, c.limits().maxEntryBytes() + ENTRY_OVERHEAD_BYTES);
  }

  private static long grpcMessageMax(RaftNodeConfig c) {
    return 2L * appenderBufferBytes(c) + 1024 * 1024;
  }

  private static TimeDuration td(Duration d) {
    return TimeDuration.valueOf(d.toMillis(), TimeUnit.MILLISECONDS);
  }
}
