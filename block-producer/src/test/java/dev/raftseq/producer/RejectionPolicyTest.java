package dev.raftseq.producer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftseq.chain.exec.BlockContext;
import dev.raftseq.chain.exec.RejectedTx;
import dev.raftseq.chain.pool.TxRejection;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.RecoveredTx;
import dev.raftseq.chain.types.Wei;
import dev.raftseq.producer.testing.Txs;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RejectionPolicyTest {
  private final BlockContext context =
      new BlockContext(Txs.CHAIN_ID, 1, Hash.ZERO, 0, Txs.addr(9), 50_000, Wei.of(10));

  private boolean permanent(RecoveredTx tx, TxRejection reason) {
    return RejectionPolicy.isPermanent(new RejectedTx(tx, reason, ""), context);
  }

  @Test
  void dropsWhatCanNeverBeIncludedAndKeepsWhatMayPassLater() {
    RecoveredTx t = Txs.tx(Txs.addr(1), 0);
    Set<TxRejection> dropped = EnumSet.noneOf(TxRejection.class);
    for (TxRejection r : TxRejection.values()) {
      if (permanent(t, r)) {
        dropped.add(r);
      }
    }
    assertThat(dropped).containsExactlyInAnyOrder(
        TxRejection.NONCE_TOO_LOW, TxRejection.NONCE_MAX, TxRejection.INTRINSIC_GAS, TxRejection.INVALID_CHAIN_ID,
        TxRejection.INVALID_SENDER, TxRejection.OVERSIZED, TxRejection.TIP_ABOVE_FEE_CAP, TxRejection.UNSUPPORTED,
        TxRejection.SENDER_NOT_EOA, TxRejection.INIT_CODE_TOO_LARGE, TxRejection.BLOB_INVALID);
    assertThat(dropped).as("an acknowledged transaction is kept while its account may still be funded")
        .doesNotContain(TxRejection.INSUFFICIENT_FUNDS);
  }

  @Test
  void aGasLimitRejectionIsPermanentOnlyAboveTheBlockGasLimit() {
    assertThat(permanent(Txs.from(Txs.addr(1)).gas(50_001).build(), TxRejection.GAS_LIMIT)).isTrue();
    assertThat(permanent(Txs.from(Txs.addr(1)).gas(50_000).build(), TxRejection.GAS_LIMIT)).isFalse();
  }
}
