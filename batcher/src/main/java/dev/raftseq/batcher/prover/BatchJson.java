package dev.raftseq.batcher.prover;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.raftseq.batcher.attest.Attestation;
import dev.raftseq.batcher.batch.Batch;
import dev.raftseq.batcher.batch.BatchCommitment;
import dev.raftseq.chain.types.Hash;

/** JSON views of batches and attestations served over HTTP. */
public final class BatchJson {
  private BatchJson() {}

  /**
   * A batch as a prover sees it: its commitment, the fields it is computed from, the digest to
   * sign, and the proof formats this node accepts.
   */
  public static ObjectNode batch(Batch b) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("batch_number", b.number());
    o.put("l2_chain_id", b.l2ChainId());
    o.put("first_block", b.firstBlock());
    o.put("last_block", b.lastBlock());
    o.put("prev_state_root", b.prevStateRoot().toHex());
    o.put("new_state_root", b.newStateRoot().toHex());
    o.put("blocks_hash", b.blocksHash().toHex());
    o.put("prev_commitment", b.prevCommitment().toHex());
    o.put("commitment", b.commitment().toHex());
    o.put("signing_digest", BatchCommitment.signingDigest(b.commitment()).toHex());
    o.put("transaction_count", b.transactionCount());
    o.put("gas_used", b.gasUsed());
    o.put("first_timestamp_ms", b.firstTimestampMillis());
    o.put("last_timestamp_ms", b.lastTimestampMillis());
    ArrayNode hashes = o.putArray("block_hashes");
    b.blockHashes().stream().map(Hash::toHex).forEach(hashes::add);
    ArrayNode formats = o.putArray("proof_formats");
    formats.addObject().put("version", ProofDocument.VERSION).put("type", ProofDocument.TYPE);
    return o;
  }

  public static ObjectNode attestation(Attestation a) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("batch_number", a.batchNumber());
    o.put("commitment", a.commitment().toHex());
    o.put("signer", a.signer().toHex());
    o.put("signature", a.signatureHex());
    return o;
  }
}
