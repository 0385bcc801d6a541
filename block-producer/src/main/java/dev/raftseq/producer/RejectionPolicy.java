package dev.raftseq.producer;

import dev.raftseq.chain.exec.BlockContext;
import dev.raftseq.chain.exec.RejectedTx;

/**
 * Which builder rejections mean a committed transaction can never be included (propose that every
 * node drop it) and which may pass in a later block (keep it). Every transaction here was
 * acknowledged, so only "never" drops one; unknown reasons keep it.
 */
final class RejectionPolicy {
  private RejectionPolicy() {}

  static boolean isPermanent(RejectedTx rejected, BlockContext context) {
    switch (rejected.reason()) {
      case NONCE_TOO_LOW:
      case NONCE_MAX:
      case INTRINSIC_GAS:
      case INVALID_CHAIN_ID:
      case INVALID_SENDER:
      case OVERSIZED:
      case TIP_ABOVE_FEE_CAP:
      case UNSUPPORTED:
      case SENDER_NOT_EOA:
      case INIT_CODE_TOO_LARGE:
      case BLOB_INVALID:
        return true;
      case GAS_LIMIT:
        // above the block gas limit never fits; merely not fitting what is left of this block does
        return rejected.tx().tx().gasLimit() > context.gasLimit();
      default:
        // NONCE_TOO_HIGH: the gap may fill; FEE_CAP_BELOW_BASE_FEE: the base fee may fall again;
        // INSUFFICIENT_FUNDS: the account may be funded (admission counted every pooled cost, so
        // this needs a bug or a contract paying out of the sender); pool-only reasons (already
        // known, underpriced, limits) do not come from the builder
        return false;
    }
  }
}
