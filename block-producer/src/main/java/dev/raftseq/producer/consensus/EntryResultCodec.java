package dev.raftseq.producer.consensus;

import dev.raftseq.chain.codec.DecodeException;
import dev.raftseq.chain.pool.TxRejection;
import dev.raftseq.chain.types.Hash;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Bytes of an {@link EntryResult}, for a consensus implementation that carries the leader's apply
 * result back to the submitting node (Ratis' reply message). Only apply results travel; texts are
 * cut to {@value #MAX_TEXT_BYTES} bytes.
 */
public final class EntryResultCodec {
  private static final int MAX_TEXT_BYTES = 1024;
  private static final byte TXS = 1;
  private static final byte BLOCK = 2;
  private static final byte STALE = 3;
  private static final byte DROPS = 4;
  private static final byte REJECTED = 5;

  private EntryResultCodec() {}

  public static byte[] encode(EntryResult result) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      if (result instanceof EntryResult.TxsApplied t) {
        out.writeByte(TXS);
        out.writeInt(t.outcomes().size());
        for (TxOutcome o : t.outcomes()) {
          out.writeBoolean(o.accepted());
          if (!o.accepted()) {
            writeText(out, o.rejection().name());
            writeText(out, o.detail());
          }
        }
      } else if (result instanceof EntryResult.BlockApplied b) {
        out.writeByte(BLOCK);
        out.writeLong(b.number());
        out.write(b.hash().unsafeBytes());
      } else if (result instanceof EntryResult.BlockStale s) {
        out.writeByte(STALE);
        writeText(out, s.reason());
      } else if (result instanceof EntryResult.DropsApplied d) {
        out.writeByte(DROPS);
        out.writeInt(d.dropped());
      } else if (result instanceof EntryResult.Rejected r) {
        out.writeByte(REJECTED);
        writeText(out, r.reason());
      } else {
        throw new IllegalArgumentException("not an apply result: " + result);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  public static EntryResult decode(byte[] bytes) throws DecodeException {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    try {
      EntryResult out = switch (in.get()) {
        case TXS -> decodeTxs(in);
        case BLOCK -> {
          long number = in.getLong();
          byte[] hash = new byte[Hash.LENGTH];
          in.get(hash);
          yield new EntryResult.BlockApplied(number, new Hash(hash));
        }
        case STALE -> new EntryResult.BlockStale(readText(in));
        case DROPS -> new EntryResult.DropsApplied(in.getInt());
        case REJECTED -> new EntryResult.Rejected(readText(in));
        default -> throw new DecodeException("unknown entry result type " + bytes[0]);
      };
      if (in.hasRemaining()) {
        throw new DecodeException(in.remaining() + " trailing bytes after the entry result");
      }
      return out;
    } catch (BufferUnderflowException e) {
      throw new DecodeException("truncated entry result");
    }
  }

  private static EntryResult decodeTxs(ByteBuffer in) throws DecodeException {
    int n = in.getInt();
    if (n < 0 || n > in.remaining()) {
      throw new DecodeException("transaction outcome count " + n + " does not fit");
    }
    List<TxOutcome> outcomes = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      if (in.get() != 0) {
        outcomes.add(TxOutcome.ACCEPTED);
        continue;
      }
      String name = readText(in);
      TxRejection reason;
      try {
        reason = TxRejection.valueOf(name);
      } catch (IllegalArgumentException e) {
        throw new DecodeException("unknown rejection '" + name + "'");
      }
      outcomes.add(TxOutcome.rejected(reason, readText(in)));
    }
    return new EntryResult.TxsApplied(outcomes);
  }

  private static void writeText(DataOutputStream out, String text) throws IOException {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    int n = Math.min(b.length, MAX_TEXT_BYTES);
    out.writeShort(n);
    out.write(b, 0, n);
  }

  private static String readText(ByteBuffer in) throws DecodeException {
    int n = in.getShort() & 0xffff;
    if (n > MAX_TEXT_BYTES || n > in.remaining()) {
      throw new DecodeException("text of " + n + " bytes does not fit");
    }
    byte[] b = new byte[n];
    in.get(b);
    return new String(b, StandardCharsets.UTF_8);
  }
}
