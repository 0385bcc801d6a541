package dev.raftseq.node;

import dev.raftseq.chain.codec.DecodeException;
import dev.raftseq.chain.codec.TransactionCodec;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.RawTx;
import dev.raftseq.p2p.NodeId;
import dev.raftseq.p2p.sync.CommittedTxSource;
import dev.raftseq.p2p.sync.UnincludedSnapshot;
import dev.raftseq.p2p.sync.ZksMessage;
import dev.raftseq.producer.SequencerCore;
import dev.raftseq.producer.consensus.CommittedCheckpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Serves a consensus node's committed set to peers over p2p, with its Raft log position and members
 * taken in the same instant ({@link SequencerCore#checkpoint()}): what a follower whose log was
 * purged needs besides the blocks.
 */
record CommittedSetSource(SequencerCore core) implements CommittedTxSource {

  @Override
  public UnincludedSnapshot committedNotIncluded(int maxCount, long maxBytes) {
    Optional<CommittedCheckpoint> checkpoint = core.checkpoint();
    if (checkpoint.isEmpty()) {
      return null; // nothing applied from the log yet: answered as an empty set at the head
    }
    CommittedCheckpoint cp = checkpoint.get();
    List<ZksMessage.CommittedTx> txs = new ArrayList<>();
    long bytes = 0;
    boolean complete = true;
    for (RawTx tx : cp.committed()) {
      if (txs.size() == maxCount || (!txs.isEmpty() && bytes + tx.raw().length > maxBytes)) {
        complete = false;
        break;
      }
      Optional<Address> sender = senderOf(tx);
      if (sender.isEmpty()) {
        continue; // cannot be included anyway; the receiver would drop it too
      }
      txs.add(new ZksMessage.CommittedTx(sender.get(), tx.raw()));
      bytes += tx.raw().length;
    }
    List<NodeId> members = cp.members().orElse(List.of()).stream().map(NodeId::fromHex).toList();
    return new UnincludedSnapshot(cp.headNumber(), cp.headHash(), txs, complete,
        Optional.of(new ZksMessage.LogPosition(cp.applied().term(), cp.applied().index(), members)));
  }

  private Optional<Address> senderOf(RawTx tx) {
    if (tx.hasSender()) {
      return Optional.of(tx.sender());
    }
    try {
      return Optional.of(TransactionCodec.decodeStrict(tx.raw(), core.chain().chainId()).sender());
    } catch (DecodeException e) {
      return Optional.empty();
    }
  }
}
