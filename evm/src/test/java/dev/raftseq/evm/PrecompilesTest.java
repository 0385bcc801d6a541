package dev.raftseq.evm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftseq.evm.precompile.Precompiles;
import java.math.BigInteger;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Known answers and hostile inputs for the precompiles (the state tests cover them broadly). */
class PrecompilesTest {
  private final Precompiles p = new Precompiles();
  private static final HexFormat HEX = HexFormat.of();

  private static String word(BigInteger v) {
    return String.format("%064x", v);
  }

  @Test
  void modexpComputesAndPricesAndSurvivesHugeLengths() {
    byte[] in = HEX.parseHex(word(BigInteger.ONE) + word(BigInteger.ONE) + word(BigInteger.ONE) + "030507");
    EvmAddress modexp = EvmAddress.ofLow(5);
    assertThat(p.gas(modexp, in)).isEqualTo(200);
    assertThat(p.run(modexp, in)).containsExactly(5); // 3^5 mod 7
    byte[] huge = HEX.parseHex(word(BigInteger.TWO.pow(63).subtract(BigInteger.valueOf(50))) + word(BigInteger.valueOf(40))
        + word(BigInteger.ONE) + "ff");
    assertThat(p.gas(modexp, huge)).isEqualTo(Long.MAX_VALUE);
    byte[] hugeExp = HEX.parseHex(word(BigInteger.ZERO) + word(BigInteger.TWO.pow(255)) + word(BigInteger.ZERO));
    assertThat(p.gas(modexp, hugeExp)).isEqualTo(200);
    assertThat(p.run(modexp, hugeExp)).isEmpty();
  }

  @Test
  void bn254AdditionAndPairing() {
    BigInteger q = new BigInteger("21888242871839275222246405745257275088696311157297823662689037894645226208583");
    String g1 = word(BigInteger.ONE) + word(BigInteger.TWO);
    byte[] sum = p.run(EvmAddress.ofLow(6), HEX.parseHex(g1 + g1));
    assertThat(HEX.formatHex(sum)).isEqualTo(
        "030644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd3"
            + "15ed738c0e0a7c92e7845f96b2ae9c0a68a6a449e3538fc7ff3ebf7a5a18a2c4");
    assertThat(p.run(EvmAddress.ofLow(7), HEX.parseHex(g1 + word(BigInteger.TWO)))).isEqualTo(sum);
    assertThat(p.run(EvmAddress.ofLow(6), HEX.parseHex(word(BigInteger.ONE) + word(BigInteger.ONE) + g1)))
        .as("a point off the curve fails the call").isNull();

    String g2 = word(new BigInteger("11559732032986387107991004021392285783925812861821192530917403151452391805634"))
        + word(new BigInteger("10857046999023057135944570762232829481370756359578518086990519993285655852781"))
        + word(new BigInteger("4082367875863433681332203403145435568316851327593401208105741076214120093531"))
        + word(new BigInteger("8495653923123431417604973247489272438418190587263600148770280649306958101930"));
    String minusG1 = word(BigInteger.ONE) + word(q.subtract(BigInteger.TWO));
    EvmAddress pairing = EvmAddress.ofLow(8);
    assertThat(p.run(pairing, new byte[0])[31]).isEqualTo((byte) 1);
    assertThat(p.run(pairing, HEX.parseHex(g1 + g2 + minusG1 + g2))[31]).as("e(G1,G2) e(-G1,G2) = 1").isEqualTo((byte) 1);
    assertThat(p.run(pairing, HEX.parseHex(g1 + g2 + g1 + g2))[31]).as("e(G1,G2)^2 != 1").isEqualTo((byte) 0);
    assertThat(p.run(pairing, new byte[191])).as("length not a multiple of 192").isNull();
    assertThat(p.gas(pairing, new byte[384])).isEqualTo(45_000 + 2 * 34_000);
  }

  @Test
  void blake2fMatchesEip152() {
    // EIP-152 test vector 5: 12 rounds over "abc" (message block zero-padded), t = 3, final block
    String h = "48c9bdf267e6096a3ba7ca8485ae67bb2bf894fe72f36e3cf1361d5f3af54fa5"
        + "d182e6ad7f520e511f6c3e2b8c68059b6bbd41fbabd9831f79217e1319cde05b";
    String m = "616263" + "00".repeat(125);
    String t = "03" + "00".repeat(15);
    byte[] in = HEX.parseHex("0000000c" + h + m + t + "01");
    assertThat(in).hasSize(213);
    assertThat(p.gas(EvmAddress.ofLow(9), in)).isEqualTo(12);
    assertThat(HEX.formatHex(p.run(EvmAddress.ofLow(9), in))).isEqualTo(
        "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d17d87c5392aab792dc252d5de4533cc95"
            + "18d38aa8dbf1925ab92386edd4009923");
    in[212] = 2;
    assertThat(p.run(EvmAddress.ofLow(9), in)).as("final flag must be 0 or 1").isNull();
  }
}
