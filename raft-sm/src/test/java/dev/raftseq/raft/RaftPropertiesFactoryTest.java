package dev.raftseq.raft;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.junit.jupiter.api.Test;

class RaftPropertiesFactoryTest {
  private static final String A = "0x" + "a".repeat(128);
  private static final String B = "0x" + "b".repeat(128);

  /**
   * Ratis 3.3's default lets a follower match an AppendEntries' previous entry against a batch not yet
   * written and commit into an old tail that batch replaces (the seed-1207 fork); see RaftPropertiesFactory.
   */
  @Test
  void aFollowerMatchesThePreviousEntryOnlyAgainstItsWrittenLog() {
    assertThat(RaftServerConfigKeys.Log.APPEND_ENTRIES_COMPOSE_ENABLED_DEFAULT).as("Ratis' default").isTrue();
    RaftNodeConfig c = RaftNodeConfig.of(A, 1, dev.raftseq.chain.crypto.Keccak.hash(new byte[] {1}),
        List.of(new RaftNodeConfig.Peer(A, "127.0.0.1", 3100), new RaftNodeConfig.Peer(B, "127.0.0.1", 3101)),
        Path.of("raft"), true);

    assertThat(RaftServerConfigKeys.Log.appendEntriesComposeEnabled(RaftPropertiesFactory.server(c))).isFalse();
  }
}
