package dev.raftseq.chain.exec;

import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.Header;
import dev.raftseq.chain.types.Wei;

/** A mutable copy of a header, to build tampered variants in tests. */
final class HeaderEdit {
  Hash parentHash;
  Hash ommersHash;
  Address coinbase;
  Hash stateRoot;
  Hash transactionsRoot;
  Hash receiptsRoot;
  byte[] logsBloom;
  long difficulty;
  long number;
  long gasLimit;
  long gasUsed;
  long timestamp;
  byte[] extraData;
  Hash mixHash;
  long nonce;
  Wei baseFeePerGas;
  Hash withdrawalsRoot;
  long blobGasUsed;
  long excessBlobGas;
  Hash parentBeaconBlockRoot;

  HeaderEdit(Header h) {
    parentHash = h.parentHash();
    ommersHash = h.ommersHash();
    coinbase = h.coinbase();
    stateRoot = h.stateRoot();
    transactionsRoot = h.transactionsRoot();
    receiptsRoot = h.receiptsRoot();
    logsBloom = h.logsBloom();
    difficulty = h.difficulty();
    number = h.number();
    gasLimit = h.gasLimit();
    gasUsed = h.gasUsed();
    timestamp = h.timestamp();
    extraData = h.extraData();
    mixHash = h.mixHash();
    nonce = h.nonce();
    baseFeePerGas = h.baseFeePerGas();
    withdrawalsRoot = h.withdrawalsRoot();
    blobGasUsed = h.blobGasUsed();
    excessBlobGas = h.excessBlobGas();
    parentBeaconBlockRoot = h.parentBeaconBlockRoot();
  }

  Header build() {
    return new Header(
        parentHash, ommersHash, coinbase, stateRoot, transactionsRoot, receiptsRoot, logsBloom, difficulty, number,
        gasLimit, gasUsed, timestamp, extraData, mixHash, nonce, baseFeePerGas, withdrawalsRoot, blobGasUsed,
        excessBlobGas, parentBeaconBlockRoot);
  }
}
