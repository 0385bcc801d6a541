package dev.raftseq.status;

import dev.raftseq.chain.types.Hash;
import java.util.Objects;

/** The newest block this node has applied. {@code timestamp} is in seconds, as in the header. */
public record HeadStatus(long number, Hash hash, long timestamp) {
  public HeadStatus {
    Objects.requireNonNull(hash, "hash");
  }
}
