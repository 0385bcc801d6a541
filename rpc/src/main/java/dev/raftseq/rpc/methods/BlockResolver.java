package dev.raftseq.rpc.methods;

import dev.raftseq.chain.state.StateView;
import dev.raftseq.chain.store.ChainReader;
import dev.raftseq.chain.types.Block;
import dev.raftseq.chain.types.Header;
import dev.raftseq.rpc.jsonrpc.RpcError;
import dev.raftseq.rpc.jsonrpc.RpcException;
import dev.raftseq.rpc.params.BlockNumber;
import dev.raftseq.rpc.params.BlockNumberOrHash;
import dev.raftseq.rpc.params.BlockTag;
import java.util.Optional;

/** Turns block parameters into blocks, headers and states, with geth's "not found" errors. */
final class BlockResolver {
  private final ChainReader chain;

  BlockResolver(ChainReader chain) {
    this.chain = chain;
  }

  ChainReader chain() {
    return chain;
  }

  /** The number a block parameter names; tags other than earliest are the head (see {@link BlockTag}). */
  long number(BlockNumber bn) {
    if (bn.tag() == null) {
      return bn.number();
    }
    return bn.tag() == BlockTag.EARLIEST ? 0 : chain.head().number();
  }

  Optional<Block> block(BlockNumber bn) {
    if (bn.tag() != null && bn.tag() != BlockTag.EARLIEST) {
      return Optional.of(chain.head());
    }
    return chain.blockByNumber(number(bn));
  }

  Header header(BlockNumberOrHash ref) throws RpcException {
    if (ref.hash() != null) {
      return chain.blockByHash(ref.hash())
          .map(Block::header)
          .orElseThrow(() -> RpcError.server("header for hash not found").toException());
    }
    if (ref.number() == null) {
      throw RpcError.server("invalid arguments; neither block nor hash specified").toException();
    }
    if (ref.number().tag() != null && ref.number().tag() != BlockTag.EARLIEST) {
      return chain.head().header();
    }
    return chain.headerByNumber(number(ref.number()))
        .orElseThrow(() -> RpcError.server("header not found").toException());
  }

  /** The state after the named block; the flat head state when it is the head. */
  StateView state(BlockNumberOrHash ref) throws RpcException {
    Header header = header(ref);
    StateView head = chain.headState();
    if (head.root().equals(header.stateRoot())) {
      return head;
    }
    return chain.stateAt(header.stateRoot())
        .orElseThrow(
            () -> RpcError.server(
                    "historical state " + header.stateRoot().toHex().substring(2) + " is not available")
                .toException());
  }
}
