package dev.raftseq.batcher.l1;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.Hex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * {@link ProgressStore} as one small JSON file, replaced atomically: written to a temporary file,
 * fsynced, renamed over the old one, and the directory fsynced. A crash leaves the old or the new
 * list, never a mix.
 */
public final class FileProgressStore implements ProgressStore {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path file;

  public FileProgressStore(Path file) {
    this.file = file;
  }

  @Override
  public List<SentTx> load() {
    if (!Files.exists(file)) {
      return List.of();
    }
    try {
      Record[] records = JSON.readValue(file.toFile(), Record[].class);
      return java.util.Arrays.stream(records).map(Record::toSentTx).toList();
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("cannot read the batcher's L1 progress " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void save(List<SentTx> inFlight) {
    try {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path tmp = dir.resolve(file.getFileName() + ".tmp");
      byte[] bytes = JSON.writerWithDefaultPrettyPrinter()
          .writeValueAsBytes(inFlight.stream().map(Record::of).toList());
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING)) {
        ch.write(java.nio.ByteBuffer.wrap(bytes));
        ch.force(true);
      }
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
      try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
        d.force(true);
      } catch (IOException ignored) {
        // some file systems cannot sync a directory; the rename is still atomic
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the batcher's L1 progress " + file, e);
    }
  }

  record AttemptRecord(String hash, String raw, String maxFeePerGas, String maxPriorityFeePerGas, long createdAtMillis) {
    static AttemptRecord of(TxAttempt a) {
      return new AttemptRecord(a.hash().toHex(), Hex.encode(a.raw()), a.maxFeePerGas().toString(),
          a.maxPriorityFeePerGas().toString(), a.createdAtMillis());
    }

    TxAttempt toAttempt() {
      return new TxAttempt(Hash.fromHex(hash), Hex.decode(raw), new BigInteger(maxFeePerGas),
          new BigInteger(maxPriorityFeePerGas), createdAtMillis);
    }
  }

  record Record(String kind, long batchNumber, long nonce, long gasLimit, List<AttemptRecord> attempts) {
    static Record of(SentTx t) {
      return new Record(t.step().kind().name(), t.step().batchNumber(), t.nonce(), t.gasLimit(),
          t.attempts().stream().map(AttemptRecord::of).toList());
    }

    SentTx toSentTx() {
      return new SentTx(new Step(Step.Kind.valueOf(kind), batchNumber), nonce, gasLimit,
          attempts.stream().map(AttemptRecord::toAttempt).toList());
    }
  }
}
