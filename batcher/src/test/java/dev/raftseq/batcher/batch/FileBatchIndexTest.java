package dev.raftseq.batcher.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileBatchIndexTest {
  @TempDir Path dir;

  static List<Batch> batches(int n) {
    List<long[]> specs = new ArrayList<>();
    for (int i = 0; i < 3 * n; i++) {
      specs.add(new long[] {1, 21000, 100});
    }
    return Blocks.sealAll(new BatchLimits(3, 100, 1_000_000, 60_000), Blocks.genesisBatch(),
        Blocks.after(Blocks.genesis(), specs));
  }

  @Test
  void keepsBatchesAcrossReopen() {
    Path f = dir.resolve("batches.jsonl");
    List<Batch> all = batches(4);
    try (FileBatchIndex index = FileBatchIndex.open(f)) {
      assertThat(index.last()).isEmpty();
      all.forEach(index::append);
      assertThat(index.last()).contains(all.get(3));
    }
    try (FileBatchIndex index = FileBatchIndex.open(f)) {
      assertThat(index.last()).contains(all.get(3));
      for (Batch b : all) {
        assertThat(index.get(b.number())).contains(b);
      }
      assertThat(index.get(0)).isEmpty();
      assertThat(index.get(5)).isEmpty();
    }
  }

  @Test
  void refusesABatchThatDoesNotFollow() {
    List<Batch> all = batches(3);
    try (FileBatchIndex index = FileBatchIndex.open(dir.resolve("b.jsonl"))) {
      index.append(all.get(0));
      assertThatThrownBy(() -> index.append(all.get(2))).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("expected batch 2");
      assertThatThrownBy(() -> index.append(all.get(0))).isInstanceOf(IllegalArgumentException.class);
      assertThat(index.last()).contains(all.get(0));
    }
  }

  @Test
  void dropsATornLastLineAndKeepsAppending() throws Exception {
    Path f = dir.resolve("b.jsonl");
    List<Batch> all = batches(3);
    try (FileBatchIndex index = FileBatchIndex.open(f)) {
      index.append(all.get(0));
      index.append(all.get(1));
    }
    String whole = Files.readString(f);
    // a crash in the middle of writing batch 2's line
    Files.writeString(f, whole.substring(0, whole.length() - 40));
    try (FileBatchIndex index = FileBatchIndex.open(f)) {
      assertThat(index.last()).contains(all.get(0));
      index.append(all.get(1));
      index.append(all.get(2));
    }
    try (FileBatchIndex index = FileBatchIndex.open(f)) {
      assertThat(index.last()).contains(all.get(2));
    }
  }

  @Test
  void refusesToOpenADamagedFile() throws Exception {
    Path f = dir.resolve("b.jsonl");
    List<Batch> all = batches(2);
    try (FileBatchIndex index = FileBatchIndex.open(f)) {
      all.forEach(index::append);
    }
    String text = Files.readString(f);
    int firstNewRoot = text.indexOf("\"newStateRoot\":\"0x") + 20;
    char c = text.charAt(firstNewRoot);
    Files.writeString(f, text.substring(0, firstNewRoot) + (c == 'a' ? 'b' : 'a') + text.substring(firstNewRoot + 1));
    assertThatThrownBy(() -> FileBatchIndex.open(f)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("line 1 is damaged");
    Files.writeString(f, "not json\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
    assertThatThrownBy(() -> FileBatchIndex.open(f)).isInstanceOf(IllegalStateException.class);
  }
}
