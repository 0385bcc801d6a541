package dev.raftseq.systest.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryRecorderTest {
  @TempDir Path dir;

  @Test
  void everyRecordIsOnDiskAsItHappensAndReadsBackTheSame() throws Exception {
    AtomicLong wall = new AtomicLong(1_000);
    Path file = dir.resolve("history.jsonl");
    try (HistoryRecorder r = new HistoryRecorder(file, () -> java.time.Instant.ofEpochMilli(wall.getAndAdd(5)))) {
      r.record("client-10", OpType.INVOKE, Ops.SUBMIT, HistoryRecorder.value().put("tx", "0xab").put("nonce", 3));
      r.record("client-10", OpType.OK, Ops.SUBMIT, HistoryRecorder.value().put("tx", "0xab"));
      // flushed per line: readable before close
      assertThat(Files.readAllLines(file)).hasSize(2);
      r.record(Ops.NEMESIS, OpType.INFO, Ops.KILL, HistoryRecorder.value().put("node", "n2"));

      History read = History.read(file);
      assertThat(read.ops()).isEqualTo(r.snapshot().ops());
      Op first = read.ops().get(0);
      assertThat(first.index()).isZero();
      assertThat(first.wall()).isEqualTo(1_000);
      assertThat(first.type()).isEqualTo(OpType.INVOKE);
      assertThat(first.number("nonce", -1)).isEqualTo(3);
      assertThat(first.isClient()).isTrue();
      assertThat(read.ops().get(2).text("node")).isEqualTo("n2");
      assertThat(read.ops().get(2).time()).isGreaterThanOrEqualTo(read.ops().get(1).time());
    }
    assertThat(InstantSource.system()).isNotNull();
  }
}
