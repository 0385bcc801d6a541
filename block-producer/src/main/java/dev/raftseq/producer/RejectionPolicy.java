package dev.raftseq.producer;

import dev.raftseq.chain.exec.BlockContext;
import dev.raftseq.chain.exec.RejectedTx;

/**
 * Which builder rejections mean a transaction can never be included (drop it from the pool) and
 * which may pass in a later block (keep it). Unknown reasons keep the transaction: losing an
 * acknowledged transaction is worse than retrying one until it expires.
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
      // geth drops unfunded transactions on every new head as well
      case INSUFFICIENT_FUNDS:
        return true;
      case GAS_LIMIT:
        // above the block gas limit never fits; merely not fitting what is left of this block does
        return rejected.tx().tx().gasLimit() > context.gasLimit();
      default:
        // NONCE_TOO_HIGH: the gap may fill; FEE_CAP_BELOW_BASE_FEE: the base fee may fall again;
        // pool-only reasons (already known, underpriced, limits) do not come from the builder
        return false;
    }
  }
}
