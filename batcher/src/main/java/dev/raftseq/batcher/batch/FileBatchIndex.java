package dev.raftseq.batcher.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.raftseq.chain.types.Hash;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link BatchIndex} as an append-only file of JSON lines, one batch per line, each appended and
 * fsynced before {@link #append} returns. A torn last line (the process died mid-write) is dropped
 * at open: that batch is sealed again from the chain. Any other damage stops the open with an error,
 * since the file is checked as a hash chain (each line's commitment is recomputed and must link to
 * the previous line's).
 */
public final class FileBatchIndex implements BatchIndex {
  private static final Logger LOG = LoggerFactory.getLogger(FileBatchIndex.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;
  private final FileChannel channel;
  private final List<Batch> batches = new ArrayList<>();

  private FileBatchIndex(Path file, FileChannel channel) {
    this.file = file;
    this.channel = channel;
  }

  /** Opens (or creates) the index at {@code file}; its directory is created if missing. */
  public static FileBatchIndex open(Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileBatchIndex index = new FileBatchIndex(file, ch);
      try {
        index.load();
      } catch (RuntimeException e) {
        ch.close();
        throw e;
      }
      return index;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open batch index " + file, e);
    }
  }

  private void load() throws IOException {
    byte[] all = Files.readAllBytes(file);
    int lineStart = 0;
    int lineNo = 1;
    for (int i = 0; i < all.length; i++) {
      if (all[i] != '\n') {
        continue;
      }
      String line = new String(all, lineStart, i - lineStart, StandardCharsets.UTF_8);
      Batch b;
      try {
        b = JSON.readValue(line, BatchRecord.class).toBatch();
      } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
        throw new IllegalStateException("batch index " + file + " line " + lineNo + " is damaged: " + e.getMessage(), e);
      }
      checkNext(b);
      batches.add(b);
      lineStart = i + 1;
      lineNo++;
    }
    if (lineStart < all.length) {
      LOG.warn("batch index {}: dropping a torn last line of {} bytes (batch {} is sealed again)", file,
          all.length - lineStart, batches.size() + 1);
      channel.truncate(lineStart);
      channel.force(true);
    }
    channel.position(lineStart);
  }

  private void checkNext(Batch b) {
    long expected = batches.size() + 1L;
    if (b.number() != expected) {
      throw new IllegalArgumentException("batch index " + file + ": expected batch " + expected + ", got " + b.number());
    }
    if (!batches.isEmpty()) {
      Batch prev = batches.get(batches.size() - 1);
      if (!b.prevCommitment().equals(prev.commitment()) || b.firstBlock() != prev.lastBlock() + 1
          || !b.prevStateRoot().equals(prev.newStateRoot())) {
        throw new IllegalArgumentException("batch index " + file + ": batch " + b.number() + " does not follow batch "
            + prev.number());
      }
    }
  }

  @Override
  public synchronized Optional<Batch> last() {
    return batches.isEmpty() ? Optional.empty() : Optional.of(batches.get(batches.size() - 1));
  }

  @Override
  public synchronized Optional<Batch> get(long number) {
    return number >= 1 && number <= batches.size() ? Optional.of(batches.get((int) (number - 1))) : Optional.empty();
  }

  @Override
  public synchronized void append(Batch batch) {
    checkNext(batch);
    try {
      byte[] line = (JSON.writeValueAsString(BatchRecord.of(batch)) + "\n").getBytes(StandardCharsets.UTF_8);
      ByteBuffer buf = ByteBuffer.wrap(line);
      while (buf.hasRemaining()) {
        channel.write(buf);
      }
      channel.force(false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append batch " + batch.number() + " to " + file, e);
    }
    batches.add(batch);
  }

  @Override
  public synchronized void close() {
    try {
      channel.close();
    } catch (IOException e) {
      LOG.warn("closing batch index {}: {}", file, e.toString());
    }
  }

  /** One line of the file. */
  record BatchRecord(
      long l2ChainId,
      long number,
      long firstBlock,
      String prevStateRoot,
      String newStateRoot,
      String prevCommitment,
      String commitment,
      List<String> blockHashes,
      long transactionCount,
      long gasUsed,
      long firstTimestampMillis,
      long lastTimestampMillis) {
    static BatchRecord of(Batch b) {
      return new BatchRecord(b.l2ChainId(), b.number(), b.firstBlock(), b.prevStateRoot().toHex(),
          b.newStateRoot().toHex(), b.prevCommitment().toHex(), b.commitment().toHex(),
          b.blockHashes().stream().map(Hash::toHex).toList(), b.transactionCount(), b.gasUsed(),
          b.firstTimestampMillis(), b.lastTimestampMillis());
    }

    Batch toBatch() {
      Batch b = Batch.of(l2ChainId, number, firstBlock, Hash.fromHex(prevStateRoot), Hash.fromHex(newStateRoot),
          Hash.fromHex(prevCommitment), blockHashes.stream().map(Hash::fromHex).toList(), transactionCount, gasUsed,
          firstTimestampMillis, lastTimestampMillis);
      if (!b.commitment().equals(Hash.fromHex(commitment))) {
        throw new IllegalArgumentException("batch " + number + ": stored commitment " + commitment
            + " differs from the recomputed " + b.commitment());
      }
      return b;
    }
  }
}
