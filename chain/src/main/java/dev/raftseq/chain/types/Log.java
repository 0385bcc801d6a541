package dev.raftseq.chain.types;

import java.util.List;

/** An event log entry of a receipt. */
public record Log(Address address, List<Hash> topics, byte[] data) {
  public Log {
    topics = List.copyOf(topics);
    data = data.clone();
  }

  @Override
  public byte[] data() {
    return data.clone();
  }
}
