package dev.raftseq.batcher.l1;

import dev.raftseq.batcher.attest.CommitteeProof;
import dev.raftseq.batcher.batch.Batch;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.Hex;
import java.math.BigInteger;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint64;

/**
 * The BatchSettlement contract (local-chains/contracts/BatchSettlement.sol): call data for its three
 * steps, and its getters read through an {@link L1Client}. ABI encoding is web3j's.
 */
@SuppressWarnings("rawtypes") // web3j's decoder returns List<Type>
public final class SettlementContract {
  private final L1Client l1;
  private final Address address;

  public SettlementContract(L1Client l1, Address address) {
    this.l1 = l1;
    this.address = address;
  }

  public Address address() {
    return address;
  }

  // ---- transactions

  public static byte[] commitBatch(Batch b) {
    return encode(new Function("commitBatch", List.of(
        new Uint256(b.number()), new Uint64(b.firstBlock()), new Uint64(b.lastBlock()),
        new Bytes32(b.prevStateRoot().bytes()), new Bytes32(b.newStateRoot().bytes()), new Bytes32(b.blocksHash().bytes())),
        List.of()));
  }

  public static byte[] proveBatch(long batchNumber, List<byte[]> signatures) {
    List<DynamicBytes> sigs = signatures.stream().map(DynamicBytes::new).toList();
    return encode(new Function("proveBatch",
        List.of(new Uint256(batchNumber), new DynamicArray<>(DynamicBytes.class, sigs)), List.of()));
  }

  public static byte[] proveBatch(CommitteeProof proof) {
    return proveBatch(proof.batchNumber(), proof.signatures());
  }

  public static byte[] executeBatch(long batchNumber) {
    return encode(new Function("executeBatch", List.of(new Uint256(batchNumber)), List.of()));
  }

  // ---- getters

  public L1Totals totals() {
    return new L1Totals(uint("getTotalBatchesCommitted"), uint("getTotalBatchesVerified"), uint("getTotalBatchesExecuted"));
  }

  public Hash batchStateRoot(long n) {
    return bytes32("batchStateRoot", n);
  }

  public Hash batchCommitment(long n) {
    return bytes32("batchCommitment", n);
  }

  /** {firstBlock, lastBlock} of batch n. */
  public long[] batchBlocks(long n) {
    List<Type> out = call(new Function("batchBlocks", List.of(new Uint256(n)),
        List.of(new TypeReference<Uint64>() {}, new TypeReference<Uint64>() {})));
    return new long[] {((BigInteger) out.get(0).getValue()).longValueExact(),
        ((BigInteger) out.get(1).getValue()).longValueExact()};
  }

  public Address operator() {
    List<Type> out = call(new Function("operator", List.of(),
        List.of(new TypeReference<org.web3j.abi.datatypes.Address>() {})));
    return Address.fromHex(((org.web3j.abi.datatypes.Address) out.get(0)).getValue());
  }

  public long l2ChainId() {
    return uint("l2ChainId");
  }

  public long quorum() {
    return uint("quorum");
  }

  public List<Address> committee() {
    List<Type> out = call(new Function("committeeMembers", List.of(),
        List.of(new TypeReference<DynamicArray<org.web3j.abi.datatypes.Address>>() {})));
    @SuppressWarnings("unchecked")
    List<org.web3j.abi.datatypes.Address> list = ((DynamicArray<org.web3j.abi.datatypes.Address>) out.get(0)).getValue();
    return list.stream().map(a -> Address.fromHex(a.getValue())).toList();
  }

  private long uint(String name) {
    List<Type> out = call(new Function(name, List.of(), List.of(new TypeReference<Uint256>() {})));
    return ((BigInteger) out.get(0).getValue()).longValueExact();
  }

  private Hash bytes32(String name, long n) {
    List<Type> out = call(new Function(name, List.of(new Uint256(n)), List.of(new TypeReference<Bytes32>() {})));
    return new Hash(((Bytes32) out.get(0)).getValue());
  }

  private List<Type> call(Function f) {
    byte[] result = l1.call(Address.ZERO, address, encode(f));
    List<Type> out = FunctionReturnDecoder.decode(Hex.encode(result), f.getOutputParameters());
    if (out.size() != f.getOutputParameters().size()) {
      throw new L1Exception(f.getName() + "() on " + address + " returned " + result.length
          + " bytes; is the contract deployed at this address on this L1?");
    }
    return out;
  }

  private static byte[] encode(Function f) {
    return Hex.decode(FunctionEncoder.encode(f));
  }
}
