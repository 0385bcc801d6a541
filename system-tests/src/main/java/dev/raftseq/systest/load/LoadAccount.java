package dev.raftseq.systest.load;

import dev.raftseq.chain.crypto.Keccak;
import dev.raftseq.chain.genesis.DevKeys;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.Hex;
import java.math.BigInteger;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;

/**
 * One prefunded dev account the load driver sends from: signs EIP-1559 transfers with web3j,
 * as an ordinary client does.
 */
public final class LoadAccount {
  static final BigInteger GAS = BigInteger.valueOf(21_000);
  /** Far above any base fee this chain reaches (it starts at 1 gwei and falls when idle). */
  static final BigInteger MAX_FEE = BigInteger.valueOf(100_000_000_000L);
  static final BigInteger TIP = BigInteger.valueOf(1_000_000_000L);

  private final int devIndex;
  private final Credentials credentials;
  private final Address address;

  public LoadAccount(int devIndex) {
    this.devIndex = devIndex;
    this.credentials = Credentials.create(Hex.encode(DevKeys.privateKey(devIndex)));
    this.address = Address.fromHex(credentials.getAddress());
  }

  public int devIndex() {
    return devIndex;
  }

  public Address address() {
    return address;
  }

  public SignedTx transfer(long chainId, long nonce, Address to, long valueWei) {
    RawTransaction tx = RawTransaction.createEtherTransaction(chainId, BigInteger.valueOf(nonce), GAS, to.toHex(),
        BigInteger.valueOf(valueWei), TIP, MAX_FEE);
    byte[] raw = TransactionEncoder.signMessage(tx, chainId, credentials);
    return new SignedTx(Hex.encode(raw), Keccak.hash(raw), address, nonce);
  }

  /** A signed transaction: its raw bytes as 0x-hex and its hash. */
  public record SignedTx(String rawHex, Hash hash, Address from, long nonce) {}
}
