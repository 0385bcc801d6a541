package dev.raftseq.evm.state;

import dev.raftseq.evm.EvmAddress;
import dev.raftseq.evm.Word;
import java.util.List;

/** A log entry emitted by LOG0..LOG4. */
public record EvmLog(EvmAddress address, List<Word> topics, byte[] data) {
  public EvmLog {
    topics = List.copyOf(topics);
  }
}
