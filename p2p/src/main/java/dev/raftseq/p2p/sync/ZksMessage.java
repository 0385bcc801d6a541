package dev.raftseq.p2p.sync;

import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.p2p.NodeId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Messages of the {@code zks/1} capability (codes relative to its first message id; see
 * README "P2p network"). Blocks travel as their canonical encoding ({@code BlockCodec}) and are
 * decoded, senders recovered, only by the receiver's verifier.
 */
public sealed interface ZksMessage {
  int code();

  /** 0: sent by both sides right after Hello; peers of another chain are dropped. */
  record Status(long protocolVersion, long chainId, Hash genesisHash, long headNumber, Hash headHash)
      implements ZksMessage {
    public Status {
      Objects.requireNonNull(genesisHash);
      Objects.requireNonNull(headHash);
    }

    @Override
    public int code() {
      return ZksCodec.STATUS;
    }
  }

  /** 1: blocks {@code first .. first + count - 1}; count is at most {@link ZksCodec#MAX_BLOCKS_PER_REQUEST}. */
  record GetBlocks(long requestId, long first, long count) implements ZksMessage {
    @Override
    public int code() {
      return ZksCodec.GET_BLOCKS;
    }
  }

  /**
   * 2: the answer to GetBlocks: consecutive blocks from the requested first, possibly fewer than
   * asked (the responder's byte limit, or its head), none if it does not have the first.
   */
  record Blocks(long requestId, List<byte[]> blocks) implements ZksMessage {
    public Blocks {
      blocks = List.copyOf(blocks);
    }

    @Override
    public int code() {
      return ZksCodec.BLOCKS;
    }
  }

  /** 3: a block the sender just applied, pushed to peers whose head is its parent. */
  record NewBlock(byte[] block) implements ZksMessage {
    @Override
    public int code() {
      return ZksCodec.NEW_BLOCK;
    }
  }

  /** 4: the sender's new head, pushed to peers further behind (they fetch by range). */
  record NewHead(long number, Hash hash) implements ZksMessage {
    @Override
    public int code() {
      return ZksCodec.NEW_HEAD;
    }
  }

  /** 5: asks for transactions committed through consensus but not yet in a block. */
  record GetUnincludedTxs(long requestId, long maxCount) implements ZksMessage {
    @Override
    public int code() {
      return ZksCodec.GET_UNINCLUDED_TXS;
    }
  }

  /**
   * 6: the answer: the responder's head when it took the snapshot and the transactions (raw
   * EIP-2718 envelopes with their recovered senders) committed after it, in commit order;
   * {@code complete} when that is all of them (not cut by the count or byte limit); and, from a
   * consensus node, its position in the consensus log at that moment with the members recorded
   * there, so a follower whose log was purged can take over that position.
   */
  record UnincludedTxs(long requestId, long headNumber, Hash headHash, List<CommittedTx> txs, boolean complete,
      Optional<LogPosition> position) implements ZksMessage {
    public UnincludedTxs {
      txs = List.copyOf(txs);
      Objects.requireNonNull(position);
    }

    @Override
    public int code() {
      return ZksCodec.UNINCLUDED_TXS;
    }
  }

  /**
   * A consensus log position: the last applied entry's term and index, and the members (64-byte node
   * ids) recorded at it, none if the log named none yet.
   */
  record LogPosition(long term, long index, List<NodeId> members) {
    public LogPosition {
      members = List.copyOf(members);
    }
  }

  /** An opaque committed transaction: its sender and raw envelope. */
  record CommittedTx(Address sender, byte[] raw) {
    public CommittedTx {
      Objects.requireNonNull(sender);
      raw = raw.clone();
    }

    @Override
    public byte[] raw() {
      return raw.clone();
    }
  }
}
