package dev.raftseq.producer.testing;

import dev.raftseq.chain.crypto.Keccak;
import dev.raftseq.chain.types.AccessTuple;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.RecoveredTx;
import dev.raftseq.chain.types.Signature;
import dev.raftseq.chain.types.Transaction;
import dev.raftseq.chain.types.TxType;
import dev.raftseq.chain.types.Wei;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Transactions with a fabricated encoding, hash and sender, for pool logic that never checks
 * signatures. Two builds with the same fields give the same hash. Defaults: EIP-1559 transfer of
 * 1 wei to {@link #RECIPIENT}, 21,000 gas, fee cap 1,000 wei, tip 100 wei, chain {@link #CHAIN_ID}.
 */
public final class Txs {
  public static final long CHAIN_ID = 1337;
  public static final Address RECIPIENT = addr(200);

  private Txs() {}

  /** A distinct address per index. */
  public static Address addr(int i) {
    byte[] b = new byte[20];
    b[0] = (byte) 0xaa;
    b[18] = (byte) (i >> 8);
    b[19] = (byte) i;
    return new Address(b);
  }

  public static Builder from(Address sender) {
    return new Builder(sender);
  }

  /** A default transfer from {@code sender} with {@code nonce}. */
  public static RecoveredTx tx(Address sender, long nonce) {
    return from(sender).nonce(nonce).build();
  }

  /** A default transfer with this tip (and a fee cap ten times higher). */
  public static RecoveredTx tx(Address sender, long nonce, long tip) {
    return from(sender).nonce(nonce).tip(tip).feeCap(tip * 10).build();
  }

  public static final class Builder {
    private final Address sender;
    private TxType type = TxType.EIP1559;
    private Long chainId = CHAIN_ID;
    private long nonce;
    private Wei tip = Wei.of(100);
    private Wei feeCap = Wei.of(1_000);
    private long gas = 21_000;
    private Address to = RECIPIENT;
    private Wei value = Wei.of(1);
    private byte[] data = new byte[0];
    private List<AccessTuple> accessList = List.of();

    private Builder(Address sender) {
      this.sender = sender;
    }

    public Builder type(TxType t) {
      type = t;
      return this;
    }

    public Builder chainId(Long id) {
      chainId = id;
      return this;
    }

    public Builder nonce(long n) {
      nonce = n;
      return this;
    }

    public Builder tip(long t) {
      tip = Wei.of(t);
      return this;
    }

    public Builder feeCap(long f) {
      feeCap = Wei.of(f);
      return this;
    }

    /** Legacy-style single price: tip = fee cap. */
    public Builder gasPrice(long p) {
      return tip(p).feeCap(p);
    }

    public Builder gas(long g) {
      gas = g;
      return this;
    }

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

    public RecoveredTx build() {
      Transaction tx =
          new Transaction(type, chainId, nonce, tip, feeCap, gas, to, value, data, accessList,
              new Signature(BigInteger.ZERO, BigInteger.ONE, BigInteger.ONE));
      ByteArrayOutputStream enc = new ByteArrayOutputStream();
      String fields = sender + "|" + type + "|" + chainId + "|" + nonce + "|" + tip + "|" + feeCap + "|"
          + gas + "|" + to + "|" + value + "|" + accessList.size() + "|";
      enc.writeBytes(fields.getBytes(StandardCharsets.UTF_8));
      enc.writeBytes(data);
      byte[] encoded = enc.toByteArray();
      return new RecoveredTx(tx, encoded, Keccak.hash(encoded), sender);
    }
  }
}
