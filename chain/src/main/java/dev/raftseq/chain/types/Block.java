package dev.raftseq.chain.types;

import java.util.List;

/**
 * A sealed block: header, its transactions, and the header's hash (keccak256 of the RLP header),
 * carried so it is computed once. Build through {@code BlockCodec.block(header, txs)}.
 */
public record Block(Header header, List<RecoveredTx> transactions, Hash hash) {
  public Block {
    transactions = List.copyOf(transactions);
  }

  public long number() {
    return header.number();
  }
}
