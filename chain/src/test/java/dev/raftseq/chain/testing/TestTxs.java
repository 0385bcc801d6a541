package dev.raftseq.chain.testing;

import dev.raftseq.chain.codec.TransactionCodec;
import dev.raftseq.chain.types.AccessTuple;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.RecoveredTx;
import dev.raftseq.chain.types.Transaction;
import dev.raftseq.chain.types.TxType;
import dev.raftseq.chain.types.Wei;
import java.util.List;

/**
 * Builds and signs transactions for tests. Defaults: a 21000-gas transfer of 1 wei to
 * {@link DevAccounts#address(1)}, fees of 2 gwei (max) and 1 gwei (tip), no data.
 *
 * <pre>{@code
 * RecoveredTx tx = TestTxs.transfer(TxType.EIP1559, DevAccounts.privateKey(0), 1337, 0);
 * RecoveredTx big = TestTxs.builder(TxType.LEGACY, 1337).nonce(5).gasPrice(Wei.of(7)).sign(key);
 * }</pre>
 */
public final class TestTxs {
  public static final long TRANSFER_GAS = 21_000;
  public static final Wei ONE_GWEI = Wei.of(1_000_000_000L);
  public static final Wei TWO_GWEI = Wei.of(2_000_000_000L);

  private TestTxs() {}

  /** A signed 1-wei transfer of the given type from {@code key} with this nonce. */
  public static RecoveredTx transfer(TxType type, byte[] key, long chainId, long nonce) {
    return builder(type, chainId).nonce(nonce).sign(key);
  }

  /** A signed transfer of {@code value} to {@code to}. */
  public static RecoveredTx transfer(TxType type, byte[] key, long chainId, long nonce, Address to, Wei value) {
    return builder(type, chainId).nonce(nonce).to(to).value(value).sign(key);
  }

  public static RecoveredTx legacy(byte[] key, long chainId, long nonce) {
    return transfer(TxType.LEGACY, key, chainId, nonce);
  }

  public static RecoveredTx accessList(byte[] key, long chainId, long nonce) {
    return transfer(TxType.ACCESS_LIST, key, chainId, nonce);
  }

  public static RecoveredTx eip1559(byte[] key, long chainId, long nonce) {
    return transfer(TxType.EIP1559, key, chainId, nonce);
  }

  public static Builder builder(TxType type, long chainId) {
    return new Builder(type, chainId);
  }

  /** Mutable builder; each setter returns this. */
  public static final class Builder {
    private final TxType type;
    private Long chainId;
    private long nonce;
    private Wei maxPriorityFee = ONE_GWEI;
    private Wei maxFee = TWO_GWEI;
    private long gasLimit = TRANSFER_GAS;
    private Address to = DevAccounts.address(1);
    private Wei value = Wei.of(1);
    private byte[] data = new byte[0];
    private List<AccessTuple> accessList = List.of();

    private Builder(TxType type, long chainId) {
      this.type = type;
      this.chainId = chainId;
    }

    public Builder nonce(long n) {
      nonce = n;
      return this;
    }

    /** Legacy and EIP-2930 price; for EIP-1559 sets both max fee and tip. */
    public Builder gasPrice(Wei p) {
      maxFee = p;
      maxPriorityFee = p;
      return this;
    }

    public Builder maxFee(Wei p) {
      maxFee = p;
      return this;
    }

    public Builder maxPriorityFee(Wei p) {
      maxPriorityFee = p;
      return this;
    }

    public Builder gasLimit(long g) {
      gasLimit = g;
      return this;
    }

    /** Recipient; null for contract creation. */
    public Builder to(Address a) {
      to = a;
      return this;
    }

    public Builder value(Wei v) {
      value = v;
      return this;
    }

    public Builder data(byte[] d) {
      data = d.clone();
      return this;
    }

    public Builder accessList(List<AccessTuple> l) {
      accessList = List.copyOf(l);
      return this;
    }

    /** Legacy only: sign without a chain id (pre-EIP-155, v = 27/28). */
    public Builder withoutChainId() {
      if (type != TxType.LEGACY) {
        throw new IllegalStateException("only legacy transactions may omit the chain id");
      }
      chainId = null;
      return this;
    }

    public Transaction unsigned() {
      boolean sameFees = type != TxType.EIP1559;
      return new Transaction(type, chainId, nonce, sameFees ? maxFee : maxPriorityFee, maxFee, gasLimit, to, value,
          data, type == TxType.LEGACY ? List.of() : accessList, null);
    }

    public RecoveredTx sign(byte[] privateKey) {
      return TransactionCodec.sign(unsigned(), privateKey);
    }
  }
}
