package dev.raftseq.evm;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The in-place 256-bit arithmetic against BigInteger, on values biased to limb boundaries. */
class U256PropertiesTest {
  private static final BigInteger MOD = BigInteger.ONE.shiftLeft(256);
  private static final BigInteger HALF = BigInteger.ONE.shiftLeft(255);
  private final U256 math = new U256();

  @Provide
  Arbitrary<BigInteger> words() {
    Arbitrary<BigInteger> any = Arbitraries.bigIntegers().between(BigInteger.ZERO, MOD.subtract(BigInteger.ONE));
    Arbitrary<BigInteger> small = Arbitraries.bigIntegers().between(BigInteger.ZERO, BigInteger.valueOf(1 << 20));
    Arbitrary<BigInteger> sized =
        Arbitraries.integers().between(1, 256).flatMap(bits ->
            Arbitraries.bigIntegers().between(BigInteger.ZERO, BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)));
    Arbitrary<BigInteger> edges =
        Arbitraries.of(
            BigInteger.ZERO, BigInteger.ONE, MOD.subtract(BigInteger.ONE), HALF, HALF.subtract(BigInteger.ONE),
            BigInteger.ONE.shiftLeft(64), BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE),
            BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE), BigInteger.ONE.shiftLeft(192),
            BigInteger.ONE.shiftLeft(32), BigInteger.ONE.shiftLeft(32).subtract(BigInteger.ONE));
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, any), net.jqwik.api.Tuple.of(3, sized), net.jqwik.api.Tuple.of(2, small),
        net.jqwik.api.Tuple.of(2, edges));
  }

  private static long[] stack(BigInteger... vs) {
    long[] s = new long[4 * vs.length];
    for (int i = 0; i < vs.length; i++) {
      Word w = Word.fromBigInteger(vs[i]);
      U256.set(s, 4 * i, w.l0, w.l1, w.l2, w.l3);
    }
    return s;
  }

  private static BigInteger at(long[] s, int base) {
    return new Word(s[base], s[base + 1], s[base + 2], s[base + 3]).toBigInteger();
  }

  private static BigInteger signed(BigInteger v) {
    return v.testBit(255) ? v.subtract(MOD) : v;
  }

  private static BigInteger unsigned(BigInteger v) {
    return v.mod(MOD);
  }

  // operands: the EVM's first operand (stack top) at base 4, the second at base 0, result at 0

  @Property(tries = 400)
  void addSubMul(@ForAll("words") BigInteger a, @ForAll("words") BigInteger b) {
    long[] s = stack(b, a);
    U256.add(s, 4, 0);
    assertThat(at(s, 0)).isEqualTo(a.add(b).mod(MOD));
    s = stack(b, a);
    U256.sub(s, 4, 0);
    assertThat(at(s, 0)).isEqualTo(a.subtract(b).mod(MOD));
    s = stack(b, a);
    U256.mul(s, 4, 0);
    assertThat(at(s, 0)).isEqualTo(a.multiply(b).mod(MOD));
  }

  @Property(tries = 400)
  void division(@ForAll("words") BigInteger a, @ForAll("words") BigInteger b) {
    long[] s = stack(b, a);
    math.divMod(s, 4, 0, false);
    assertThat(at(s, 0)).isEqualTo(b.signum() == 0 ? BigInteger.ZERO : a.divide(b));
    s = stack(b, a);
    math.divMod(s, 4, 0, true);
    assertThat(at(s, 0)).isEqualTo(b.signum() == 0 ? BigInteger.ZERO : a.mod(b));
    BigInteger sa = signed(a);
    BigInteger sb = signed(b);
    s = stack(b, a);
    math.signedDivMod(s, 4, 0, false);
    assertThat(at(s, 0)).isEqualTo(sb.signum() == 0 ? BigInteger.ZERO : unsigned(sa.divide(sb)));
    s = stack(b, a);
    math.signedDivMod(s, 4, 0, true);
    assertThat(at(s, 0)).isEqualTo(sb.signum() == 0 ? BigInteger.ZERO : unsigned(sa.abs().mod(sb.abs()).multiply(BigInteger.valueOf(sa.signum() < 0 ? -1 : 1))));
  }

  @Property(tries = 400)
  void modularArithmetic(@ForAll("words") BigInteger a, @ForAll("words") BigInteger b, @ForAll("words") BigInteger n) {
    long[] s = stack(n, b, a); // a on top, then b, then n
    math.addMod(s, 8, 4, 0);
    assertThat(at(s, 0)).isEqualTo(n.signum() == 0 ? BigInteger.ZERO : a.add(b).mod(n));
    s = stack(n, b, a);
    math.mulMod(s, 8, 4, 0);
    assertThat(at(s, 0)).isEqualTo(n.signum() == 0 ? BigInteger.ZERO : a.multiply(b).mod(n));
  }

  @Property(tries = 300)
  void exponentiation(@ForAll("words") BigInteger a, @ForAll("words") BigInteger e) {
    long[] s = stack(e, a);
    math.exp(s, 4, 0);
    assertThat(at(s, 0)).isEqualTo(a.modPow(e, MOD));
    assertThat(U256.byteLength(stack(e), 0)).isEqualTo((e.bitLength() + 7) / 8);
  }

  @Property(tries = 400)
  void shiftsAndBytes(@ForAll("words") BigInteger v, @ForAll("words") BigInteger shiftWord) {
    BigInteger shift = shiftWord.testBit(0) ? shiftWord.mod(BigInteger.valueOf(300)) : shiftWord;
    int n = shift.compareTo(BigInteger.valueOf(256)) >= 0 ? 256 : shift.intValue();
    long[] s = stack(v, shift);
    math.shl(s, 4, 0);
    assertThat(at(s, 0)).isEqualTo(n >= 256 ? BigInteger.ZERO : v.shiftLeft(n).mod(MOD));
    s = stack(v, shift);
    math.shr(s, 4, 0, false);
    assertThat(at(s, 0)).isEqualTo(n >= 256 ? BigInteger.ZERO : v.shiftRight(n));
    s = stack(v, shift);
    math.shr(s, 4, 0, true);
    assertThat(at(s, 0)).isEqualTo(unsigned(signed(v).shiftRight(Math.min(n, 256))));
    s = stack(v, shift);
    U256.byteOp(s, 4, 0);
    BigInteger expectedByte = n >= 32 ? BigInteger.ZERO : v.shiftRight(8 * (31 - n)).and(BigInteger.valueOf(0xFF));
    assertThat(at(s, 0)).isEqualTo(expectedByte);
    s = stack(v, shift);
    U256.signExtend(s, 4, 0);
    BigInteger expected;
    if (n >= 31) {
      expected = v;
    } else {
      int bits = 8 * (n + 1);
      BigInteger low = v.mod(BigInteger.ONE.shiftLeft(bits));
      expected = low.testBit(bits - 1) ? unsigned(low.subtract(BigInteger.ONE.shiftLeft(bits))) : low;
    }
    assertThat(at(s, 0)).isEqualTo(expected);
  }

  @Property(tries = 400)
  void comparisons(@ForAll("words") BigInteger a, @ForAll("words") BigInteger b) {
    long[] s = stack(b, a);
    assertThat(Integer.signum(U256.compare(s, 4, 0))).isEqualTo(a.compareTo(b));
    assertThat(Integer.signum(U256.signedCompare(s, 4, 0))).isEqualTo(signed(a).compareTo(signed(b)));
    assertThat(Word.fromBigInteger(a).compareTo(Word.fromBigInteger(b))).isEqualTo(a.compareTo(b));
    assertThat(Word.fromBigInteger(a).add(Word.fromBigInteger(b)).toBigInteger()).isEqualTo(a.add(b).mod(MOD));
    assertThat(Word.fromBigInteger(a).subtract(Word.fromBigInteger(b)).toBigInteger()).isEqualTo(a.subtract(b).mod(MOD));
    assertThat(Word.fromBytes(Word.fromBigInteger(a).toBytes()).toBigInteger()).isEqualTo(a);
  }
}
