package dev.raftseq.systest.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftseq.systest.cluster.LossyFs;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * lossyfs itself, mounted for real: a power cut keeps exactly what fsync/fdatasync made durable.
 * Needs the binary from scripts/install-lossyfs.sh and root (CI has both); elsewhere it fails
 * saying what is missing.
 */
class LossyFsIT {
  static final Path REPO = Path.of(System.getProperty("repo.root", "..")).toAbsolutePath().normalize();

  @TempDir
  Path tmp;
  LossyFs fs;
  Path m;

  @BeforeEach
  void mount() {
    assertThat(LossyFs.unavailable(REPO)).as("lossyfs must run here").isEmpty();
    fs = new LossyFs(LossyFs.binary(REPO), tmp.resolve("backing"), tmp.resolve("mnt"), tmp.resolve("lossyfs.log"));
    fs.mount();
    m = fs.root();
  }

  @AfterEach
  void unmount() {
    if (fs != null) {
      fs.close();
    }
  }

  @Test
  void aPowerCutKeepsSyncedFilesAndForgetsUnsyncedOnes() throws IOException {
    write(m.resolve("a"), "synced", true);
    write(m.resolve("b"), "never synced", false);
    write(m.resolve("c"), "fdatasync'd", false);
    try (FileChannel ch = FileChannel.open(m.resolve("c"), StandardOpenOption.WRITE)) {
      ch.force(false);
    }

    String account = fs.powerCut();

    assertThat(Files.readString(m.resolve("a"))).isEqualTo("synced");
    assertThat(Files.readString(m.resolve("c"))).isEqualTo("fdatasync'd");
    // the file's creation is durable (metadata), its contents are not
    assertThat(m.resolve("b")).exists();
    assertThat(Files.size(m.resolve("b"))).isZero();
    assertThat(account).contains("rolled back 1 files");
  }

  @Test
  void overwritesTruncatesAndAppendsSinceTheLastSyncAreUndone() throws IOException {
    Path f = m.resolve("f");
    write(f, "0123456789", true);
    try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.wrap("ab".getBytes(StandardCharsets.US_ASCII)), 2);
      ch.truncate(6);
      ch.write(ByteBuffer.wrap("XYZW".getBytes(StandardCharsets.US_ASCII)), 4);
      ch.write(ByteBuffer.wrap("-appended".getBytes(StandardCharsets.US_ASCII)), 8);
    }
    assertThat(Files.readString(f)).isEqualTo("01abXYZW-appended");

    fs.powerCut();

    assertThat(Files.readString(f)).isEqualTo("0123456789");
  }

  @Test
  void closeIsNotASyncButALaterSyncCoversEarlierWrites() throws IOException {
    Path f = m.resolve("f");
    write(f, "one", true);
    write(f, "two", false);
    Path g = m.resolve("g");
    write(g, "first", false);
    try (FileChannel ch = FileChannel.open(g, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      ch.write(ByteBuffer.wrap("+second".getBytes(StandardCharsets.US_ASCII)));
      ch.force(true);
    }

    fs.powerCut();

    assertThat(Files.readString(f)).isEqualTo("one");
    assertThat(Files.readString(g)).isEqualTo("first+second");
  }

  @Test
  void unsyncedDataFollowsItsFileThroughARename() throws IOException {
    write(m.resolve("tmp"), "old", true);
    try (FileChannel ch = FileChannel.open(m.resolve("tmp"), StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.wrap("new".getBytes(StandardCharsets.US_ASCII)), 0);
    }
    Files.move(m.resolve("tmp"), m.resolve("final"), StandardCopyOption.ATOMIC_MOVE);

    fs.powerCut();

    assertThat(m.resolve("tmp")).doesNotExist();
    assertThat(Files.readString(m.resolve("final"))).isEqualTo("old");
  }

  @Test
  void writesAfterACutAreTrackedAgain() throws IOException {
    write(m.resolve("a"), "kept", true);
    fs.powerCut();
    Files.writeString(m.resolve("a"), "lost", StandardOpenOption.APPEND);
    assertThat(Files.readString(m.resolve("a"))).isEqualTo("keptlost");

    fs.powerCut();

    assertThat(Files.readString(m.resolve("a"))).isEqualTo("kept");
  }

  private static void write(Path p, String s, boolean sync) throws IOException {
    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      ch.write(ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII)));
      if (sync) {
        ch.force(true);
      }
    }
  }
}
