package dev.raftseq.systest.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.raftseq.systest.history.HistoryJson;
import java.io.BufferedWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run's chains written as the harness writes them read back into the same checker verdict. */
class ChainFilesTest {
  @TempDir Path dir;

  @Test
  void chainsRoundTripThroughFiles() throws Exception {
    PlantedRun run = PlantedRun.healthy();
    List<NodeChain> chains = run.chains();
    for (NodeChain c : chains) {
      try (BufferedWriter out = ChainFiles.blockWriter(dir, c.node())) {
        for (ObjectNode b : run.blocks) {
          out.write(HistoryJson.JSON.writeValueAsString(b));
          out.newLine();
        }
      }
      ChainFiles.writeAccounts(dir, c.node(), c.accountsHead(), c.accounts());
    }

    List<NodeChain> read = ChainFiles.read(dir);

    assertThat(read).isEqualTo(chains);
    assertThat(Checker.check(run.history(), read).valid()).isTrue();
  }
}
