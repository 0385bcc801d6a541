package dev.raftseq.chain.exec;

import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.Wei;
import java.util.List;

/**
 * The EIP-4844 fields of a type-3 (blob) transaction. This chain's codec refuses type 3 (it
 * carries no blobs), so only Ethereum's conformance tests build these.
 */
public record BlobFields(Wei maxFeePerBlobGas, List<Hash> versionedHashes) {
  public static final long GAS_PER_BLOB = 131_072;
  public static final int MAX_BLOBS_PER_BLOCK = 6;

  public BlobFields {
    versionedHashes = List.copyOf(versionedHashes);
  }

  public long blobGas() {
    return GAS_PER_BLOB * versionedHashes.size();
  }
}
