package dev.raftseq.batcher.testing;

import dev.raftseq.batcher.l1.L1Client;
import dev.raftseq.batcher.l1.L1Receipt;
import dev.raftseq.batcher.l1.SendResult;
import dev.raftseq.chain.crypto.Keccak;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.Hex;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.utils.Numeric;

/** Sends transactions from one key and waits for their receipts: deployment and direct contract calls in tests. */
@SuppressWarnings("rawtypes") // web3j's ABI types
public final class L1Wallet {
  /** anvil's first dev account (funded by a fresh anvil). */
  public static final String DEV_KEY_0 = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
  public static final String DEV_KEY_1 = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";

  private final L1Client l1;
  private final Credentials key;

  public L1Wallet(L1Client l1, String privateKeyHex) {
    this.l1 = l1;
    this.key = Credentials.create(privateKeyHex);
  }

  public Address address() {
    return Address.fromHex(key.getAddress());
  }

  public Credentials credentials() {
    return key;
  }

  /** Deploys BatchSettlement from the committed build artifact; returns its address. */
  public Address deploySettlement(Address operator, List<Address> committee, long l2ChainId, Hash genesisStateRoot,
      Hash genesisBlockHash) throws IOException {
    String bin = Files.readString(Anvil.repoRoot().resolve("local-chains/contracts/build/BatchSettlement.bin")).trim();
    List<Type> args = List.of(
        new org.web3j.abi.datatypes.Address(operator.toHex()),
        new DynamicArray<>(org.web3j.abi.datatypes.Address.class,
            committee.stream().map(a -> new org.web3j.abi.datatypes.Address(a.toHex())).toList()),
        new Uint256(l2ChainId),
        new Bytes32(genesisStateRoot.bytes()),
        new Bytes32(genesisBlockHash.bytes()));
    byte[] code = Hex.decode("0x" + bin + FunctionEncoder.encodeConstructor(args));
    L1Receipt r = sendAndWait(null, code, 3_000_000);
    if (!r.success()) {
      throw new IllegalStateException("deployment reverted");
    }
    return contractAddress(l1.nonce(address(), false) - 1);
  }

  private Address contractAddress(long nonce) {
    byte[] rlp = org.web3j.rlp.RlpEncoder.encode(new org.web3j.rlp.RlpList(
        org.web3j.rlp.RlpString.create(address().bytes()), org.web3j.rlp.RlpString.create(BigInteger.valueOf(nonce))));
    byte[] h = Keccak.digest(rlp);
    return new Address(java.util.Arrays.copyOfRange(h, 12, 32));
  }

  /** Sends with a fixed gas limit (no estimate, so a reverting call is mined) and waits for the receipt. */
  public L1Receipt sendAndWait(Address to, byte[] data, long gasLimit) {
    return sendAndWait(to, data, gasLimit, BigInteger.ZERO);
  }

  public L1Receipt sendAndWait(Address to, byte[] data, long gasLimit, BigInteger value) {
    long chainId = l1.chainId();
    long nonce = l1.nonce(address(), true);
    BigInteger tip = BigInteger.valueOf(1_000_000_000L);
    BigInteger maxFee = l1.baseFee().shiftLeft(1).add(tip);
    RawTransaction raw = RawTransaction.createTransaction(chainId, BigInteger.valueOf(nonce), BigInteger.valueOf(gasLimit),
        to == null ? "" : to.toHex(), value, Numeric.toHexString(data), tip, maxFee);
    byte[] signed = TransactionEncoder.signMessage(raw, chainId, key);
    L1Client.Outcome o = l1.send(signed);
    if (o.result() != SendResult.ACCEPTED) {
      throw new IllegalStateException("send failed: " + o);
    }
    Hash hash = Keccak.hash(signed);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      var r = l1.receipt(hash);
      if (r.isPresent()) {
        return r.get();
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
    }
    throw new IllegalStateException("no receipt for " + hash + " within 30 s");
  }
}
