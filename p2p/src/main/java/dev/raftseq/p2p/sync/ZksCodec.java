package dev.raftseq.p2p.sync;

import dev.raftseq.chain.codec.DecodeException;
import dev.raftseq.chain.rlp.RlpReader;
import dev.raftseq.chain.rlp.RlpWriter;
import dev.raftseq.p2p.Capability;
import dev.raftseq.p2p.NodeId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Strict RLP encoding of {@link ZksMessage}s; every decoder bounds list lengths before allocating. */
public final class ZksCodec {
  public static final int STATUS = 0;
  public static final int GET_BLOCKS = 1;
  public static final int BLOCKS = 2;
  public static final int NEW_BLOCK = 3;
  public static final int NEW_HEAD = 4;
  public static final int GET_UNINCLUDED_TXS = 5;
  public static final int UNINCLUDED_TXS = 6;

  /** 2: UnincludedTxs carries completeness and the responder's consensus log position. */
  public static final int VERSION = 2;
  public static final Capability CAPABILITY = new Capability("zks", VERSION, 7);
  /** Most blocks one GetBlocks may ask for (and one Blocks may carry). */
  public static final int MAX_BLOCKS_PER_REQUEST = 1024;
  /** Most transactions one UnincludedTxs may carry. */
  public static final int MAX_UNINCLUDED_TXS = 65_536;
  /** Most members one log position may name. */
  public static final int MAX_MEMBERS = 256;

  private ZksCodec() {}

  public static byte[] encode(ZksMessage m) {
    RlpWriter w = new RlpWriter(64);
    if (m instanceof ZksMessage.Status s) {
      w.startList().writeLong(s.protocolVersion()).writeLong(s.chainId()).writeHash(s.genesisHash())
          .writeLong(s.headNumber()).writeHash(s.headHash()).endList();
    } else if (m instanceof ZksMessage.GetBlocks g) {
      w.startList().writeLong(g.requestId()).writeLong(g.first()).writeLong(g.count()).endList();
    } else if (m instanceof ZksMessage.Blocks b) {
      w.startList().writeLong(b.requestId()).startList();
      for (byte[] block : b.blocks()) {
        w.writeRaw(block);
      }
      w.endList().endList();
    } else if (m instanceof ZksMessage.NewBlock n) {
      w.startList().writeRaw(n.block()).endList();
    } else if (m instanceof ZksMessage.NewHead n) {
      w.startList().writeLong(n.number()).writeHash(n.hash()).endList();
    } else if (m instanceof ZksMessage.GetUnincludedTxs g) {
      w.startList().writeLong(g.requestId()).writeLong(g.maxCount()).endList();
    } else if (m instanceof ZksMessage.UnincludedTxs u) {
      w.startList().writeLong(u.requestId()).writeLong(u.headNumber()).writeHash(u.headHash()).startList();
      for (ZksMessage.CommittedTx tx : u.txs()) {
        w.startList().writeAddress(tx.sender()).writeBytes(tx.raw()).endList();
      }
      w.endList().writeLong(u.complete() ? 1 : 0).startList();
      if (u.position().isPresent()) {
        ZksMessage.LogPosition p = u.position().get();
        w.writeLong(p.term()).writeLong(p.index()).startList();
        for (NodeId id : p.members()) {
          w.writeBytes(id.bytes());
        }
        w.endList();
      }
      w.endList().endList();
    } else {
      throw new IllegalArgumentException("unknown message " + m);
    }
    return w.toByteArray();
  }

  /**
   * @throws DecodeException for an unknown code, non-canonical RLP, a wrong shape, or a list over
   *     its bound. Blocks are checked to be RLP lists here and fully decoded by the verifier.
   */
  public static ZksMessage decode(int code, byte[] data) throws DecodeException {
    RlpReader top = RlpReader.of(data);
    RlpReader r = top.readList("zks message " + code);
    top.requireEnd("zks message " + code);
    ZksMessage m = switch (code) {
      case STATUS -> new ZksMessage.Status(r.readLong("version"), r.readLong("chain id"), r.readHash("genesis hash"),
          r.readLong("head number"), r.readHash("head hash"));
      case GET_BLOCKS -> {
        ZksMessage.GetBlocks g = new ZksMessage.GetBlocks(r.readLong("request id"), r.readLong("first"), r.readLong("count"));
        if (g.count() < 1 || g.count() > MAX_BLOCKS_PER_REQUEST) {
          throw new DecodeException("GetBlocks count " + g.count() + " outside 1.." + MAX_BLOCKS_PER_REQUEST);
        }
        yield g;
      }
      case BLOCKS -> {
        long id = r.readLong("request id");
        RlpReader list = r.readList("blocks");
        List<byte[]> blocks = new ArrayList<>();
        while (list.hasNext()) {
          if (blocks.size() == MAX_BLOCKS_PER_REQUEST) {
            throw new DecodeException("Blocks carries more than " + MAX_BLOCKS_PER_REQUEST + " blocks");
          }
          blocks.add(readBlock(list));
        }
        yield new ZksMessage.Blocks(id, blocks);
      }
      case NEW_BLOCK -> new ZksMessage.NewBlock(readBlock(r));
      case NEW_HEAD -> new ZksMessage.NewHead(r.readLong("number"), r.readHash("hash"));
      case GET_UNINCLUDED_TXS -> {
        ZksMessage.GetUnincludedTxs g = new ZksMessage.GetUnincludedTxs(r.readLong("request id"), r.readLong("max count"));
        if (g.maxCount() < 1 || g.maxCount() > MAX_UNINCLUDED_TXS) {
          throw new DecodeException("GetUnincludedTxs max count " + g.maxCount() + " outside 1.." + MAX_UNINCLUDED_TXS);
        }
        yield g;
      }
      case UNINCLUDED_TXS -> {
        long id = r.readLong("request id");
        long head = r.readLong("head number");
        var hash = r.readHash("head hash");
        RlpReader list = r.readList("transactions");
        List<ZksMessage.CommittedTx> txs = new ArrayList<>();
        while (list.hasNext()) {
          if (txs.size() == MAX_UNINCLUDED_TXS) {
            throw new DecodeException("UnincludedTxs carries more than " + MAX_UNINCLUDED_TXS + " transactions");
          }
          RlpReader t = list.readList("committed transaction");
          ZksMessage.CommittedTx tx = new ZksMessage.CommittedTx(t.readAddress("sender"), t.readBytes("raw transaction"));
          t.requireEnd("committed transaction");
          if (tx.raw().length == 0) {
            throw new DecodeException("empty raw transaction");
          }
          txs.add(tx);
        }
        long complete = r.readLong("complete");
        if (complete > 1) {
          throw new DecodeException("UnincludedTxs complete flag " + complete);
        }
        RlpReader pos = r.readList("log position");
        Optional<ZksMessage.LogPosition> position = Optional.empty();
        if (pos.hasNext()) {
          long term = pos.readLong("term");
          long index = pos.readLong("index");
          RlpReader ids = pos.readList("members");
          List<NodeId> members = new ArrayList<>();
          while (ids.hasNext()) {
            if (members.size() == MAX_MEMBERS) {
              throw new DecodeException("log position names more than " + MAX_MEMBERS + " members");
            }
            byte[] member = ids.readBytes("member id");
            try {
              members.add(NodeId.of(member));
            } catch (IllegalArgumentException e) {
              throw new DecodeException("member id: " + e.getMessage());
            }
          }
          pos.requireEnd("log position");
          position = Optional.of(new ZksMessage.LogPosition(term, index, members));
        }
        yield new ZksMessage.UnincludedTxs(id, head, hash, txs, complete == 1, position);
      }
      default -> throw new DecodeException("unknown zks message code " + code);
    };
    r.requireEnd("zks message " + code);
    return m;
  }

  private static byte[] readBlock(RlpReader r) throws DecodeException {
    if (!r.nextIsList()) {
      throw new DecodeException("a block must be an RLP list");
    }
    return r.readRaw();
  }
}
