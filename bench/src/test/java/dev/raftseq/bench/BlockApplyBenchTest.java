package dev.raftseq.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tiny run of the block apply benchmark: it completes and writes a full report. */
class BlockApplyBenchTest {
  @TempDir Path dir;

  @Test
  void smallRunWritesAReport() throws Exception {
    Path out = dir.resolve("block-apply.txt");
    BlockApplyBench.main(
        new String[] {"blocks=3", "warmup=1", "txs=20", "genesis=../local-chains/genesis.json", "out=" + out});
    String report = Files.readString(out);
    assertThat(report)
        .contains("2 blocks of 20 transfers from 20 distinct senders")
        .contains("leader: build", "leader: seal", "follower: verify (re-execute)", "follower: commit")
        .contains("build+seal:", "verify+commit:", "decode+verify+commit:");
  }
}
