package dev.raftseq.batcher.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.raftseq.chain.crypto.Keccak;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.Hex;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.web3j.abi.DefaultFunctionEncoder;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint64;

/**
 * The commitment is keccak256(abi.encode(...)) of nine static words; checked against web3j's ABI
 * encoder (an independent implementation of abi.encode), and against the contract itself in
 * SettlementContractIT.
 */
@SuppressWarnings("rawtypes") // web3j's ABI types
class BatchCommitmentTest {
  static Hash h(String s) {
    return Keccak.hash(s.getBytes(StandardCharsets.UTF_8));
  }

  static Hash viaWeb3jAbi(long chainId, long n, long first, long last, Hash prevRoot, Hash newRoot, Hash blocks, Hash prev) {
    List<Type> words = List.of(new Bytes32(BatchCommitment.DOMAIN.bytes()), new Uint256(chainId), new Uint256(n),
        new Uint64(first), new Uint64(last), new Bytes32(prevRoot.bytes()), new Bytes32(newRoot.bytes()),
        new Bytes32(blocks.bytes()), new Bytes32(prev.bytes()));
    String encoded = new DefaultFunctionEncoder().encodeParameters(words);
    return Keccak.hash(Hex.decode("0x" + encoded));
  }

  @Property(tries = 200)
  void matchesAbiEncodeOfTheNineWords(
      @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long chainId,
      @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long n,
      @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long first,
      @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long last) {
    Hash a = h("a" + n);
    Hash b = h("b" + first);
    Hash c = h("c" + last);
    Hash d = h("d" + chainId);
    assertThat(BatchCommitment.of(chainId, n, first, last, a, b, c, d))
        .isEqualTo(viaWeb3jAbi(chainId, n, first, last, a, b, c, d));
  }

  @Test
  void domainIsTheKeccakOfItsName() {
    assertThat(BatchCommitment.DOMAIN).isEqualTo(h("raftseq.batch.v1"));
  }

  @Test
  void everyFieldChangesTheCommitment() {
    Hash base = BatchCommitment.of(270, 5, 10, 20, h("p"), h("n"), h("b"), h("c"));
    assertThat(List.of(
            BatchCommitment.of(271, 5, 10, 20, h("p"), h("n"), h("b"), h("c")),
            BatchCommitment.of(270, 6, 10, 20, h("p"), h("n"), h("b"), h("c")),
            BatchCommitment.of(270, 5, 11, 20, h("p"), h("n"), h("b"), h("c")),
            BatchCommitment.of(270, 5, 10, 21, h("p"), h("n"), h("b"), h("c")),
            BatchCommitment.of(270, 5, 10, 20, h("q"), h("n"), h("b"), h("c")),
            BatchCommitment.of(270, 5, 10, 20, h("p"), h("m"), h("b"), h("c")),
            BatchCommitment.of(270, 5, 10, 20, h("p"), h("n"), h("a"), h("c")),
            BatchCommitment.of(270, 5, 10, 20, h("p"), h("n"), h("b"), h("d"))))
        .doesNotContain(base)
        .doesNotHaveDuplicates();
  }

  @Test
  void blocksHashIsTheKeccakOfTheConcatenatedHashes() {
    Hash x = h("x");
    Hash y = h("y");
    byte[] both = new byte[64];
    System.arraycopy(x.bytes(), 0, both, 0, 32);
    System.arraycopy(y.bytes(), 0, both, 32, 32);
    assertThat(BatchCommitment.blocksHash(List.of(x, y))).isEqualTo(Keccak.hash(both));
    assertThat(BatchCommitment.blocksHash(List.of(y, x))).isNotEqualTo(Keccak.hash(both));
  }

  @Test
  void signingDigestIsEip191OfTheCommitment() {
    // the same digest as web3j's Sign.getEthereumMessageHash (what `cast wallet sign` signs)
    Hash c = h("commitment");
    assertThat(BatchCommitment.signingDigest(c).bytes())
        .isEqualTo(org.web3j.crypto.Sign.getEthereumMessageHash(c.bytes()));
  }

  @Test
  void batchRefusesAnInconsistentCommitment() {
    Batch ok = Batch.of(270, 1, 1, h("p"), h("n"), h("c"), List.of(h("b1")), 1, 21000, 1, 1);
    assertThatThrownBy(() -> new Batch(270, 1, 1, 1, ok.prevStateRoot(), ok.newStateRoot(), ok.blocksHash(),
        ok.prevCommitment(), h("forged"), ok.blockHashes(), 1, 21000, 1, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("commitment");
    assertThatThrownBy(() -> BatchCommitment.of(270, -1, 0, 0, h("p"), h("n"), h("b"), h("c")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new BigInteger(1, ok.commitment().bytes())).isPositive();
  }
}
