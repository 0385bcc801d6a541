package dev.raftseq.bench.loadgen;

import java.math.BigInteger;
import java.util.List;
import java.util.stream.IntStream;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.utils.Numeric;

/**
 * Pre-signs value transfers round-robin over the senders: transaction k comes from sender
 * k mod n with that sender's next nonce, and pays the next sender in the list (so balances only
 * move around, and a single sender pays itself).
 */
public final class TransferSigner {
  private final long chainId;
  private final Fees fees;
  private final BigInteger gasLimit;
  private final BigInteger value;

  public TransferSigner(long chainId, Fees fees, BigInteger gasLimit, BigInteger value) {
    this.chainId = chainId;
    this.fees = fees;
    this.gasLimit = gasLimit;
    this.value = value;
  }

  /** Signs {@code count} transfers; {@code startNonces.get(i)} is sender i's first nonce. */
  public List<PreSignedTx> signAll(List<Credentials> senders, List<BigInteger> startNonces, int count) {
    if (senders.size() != startNonces.size()) {
      throw new IllegalArgumentException("one start nonce per sender needed");
    }
    int n = senders.size();
    // signing dominates (BouncyCastle, ~0.1 ms each), so spread it over the cores
    return IntStream.range(0, count).parallel()
        .mapToObj(k -> {
          int s = k % n;
          BigInteger nonce = startNonces.get(s).add(BigInteger.valueOf(k / n));
          String to = senders.get((s + 1) % n).getAddress();
          return sign(k, senders.get(s), nonce, to);
        })
        .toList();
  }

  PreSignedTx sign(int seq, Credentials from, BigInteger nonce, String to) {
    RawTransaction tx = switch (fees.kind()) {
      case LEGACY -> RawTransaction.createEtherTransaction(nonce, fees.maxFeePerGas(), gasLimit, to, value);
      case EIP1559 -> RawTransaction.createEtherTransaction(chainId, nonce, gasLimit, to, value,
          fees.tipPerGas(), fees.maxFeePerGas());
    };
    // legacy: EIP-155 replay protection; 1559: the chain id is a field of the envelope itself
    byte[] signed = TransactionEncoder.signMessage(tx, chainId, from);
    return new PreSignedTx(seq, from.getAddress(), nonce, Numeric.toHexString(signed), Numeric.toHexString(Hash.sha3(signed)));
  }
}
