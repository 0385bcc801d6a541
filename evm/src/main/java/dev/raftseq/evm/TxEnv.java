package dev.raftseq.evm;

import java.util.List;

/** The transaction-wide environment: ORIGIN, GASPRICE and BLOBHASH. */
public record TxEnv(EvmAddress origin, Word gasPrice, List<Word> blobHashes) {
  public TxEnv {
    blobHashes = List.copyOf(blobHashes);
  }
}
