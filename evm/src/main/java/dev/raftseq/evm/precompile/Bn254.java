package dev.raftseq.evm.precompile;

import java.math.BigInteger;
import java.util.List;

/**
 * The alt_bn128 (BN254) curve of EIP-196/197: G1 addition and scalar multiplication, and the
 * optimal-ate pairing check. Written on BigInteger for clarity (no library on Maven Central
 * provides it); G2 lives on the sextic twist over Fp2 = Fp[i]/(i^2+1), and Fp12 is represented as
 * polynomials in w modulo w^12 - 18 w^6 + 82, where w^6 - 9 plays the role of i.
 */
public final class Bn254 {
  public static final BigInteger P =
      new BigInteger("21888242871839275222246405745257275088696311157297823662689037894645226208583");
  public static final BigInteger R =
      new BigInteger("21888242871839275222246405745257275088548364400416034343698204186575808495617");
  private static final BigInteger THREE = BigInteger.valueOf(3);
  private static final BigInteger NINE = BigInteger.valueOf(9);
  private static final BigInteger ATE_LOOP = new BigInteger("29793968203157093288");
  /** b of the twist: 3 / (9 + i). */
  private static final BigInteger[] B2 = f2div(new BigInteger[] {THREE, BigInteger.ZERO}, new BigInteger[] {NINE, BigInteger.ONE});
  /** (w^k)^p for k = 0..11: the Frobenius is linear over Fp. */
  private static final BigInteger[][] FROB = new BigInteger[12][];
  private static final BigInteger HARD_EXP =
      P.pow(4).subtract(P.pow(2)).add(BigInteger.ONE).divide(R);

  static {
    BigInteger[] w = f12zero();
    w[1] = BigInteger.ONE;
    BigInteger[] wp = f12pow(w, P);
    BigInteger[] acc = f12one();
    for (int k = 0; k < 12; k++) {
      FROB[k] = acc;
      acc = f12mul(acc, wp);
    }
  }

  private Bn254() {}

  /** A G1 point in affine coordinates; null is the point at infinity. */
  public record G1(BigInteger x, BigInteger y) {}

  /** A G2 point on the twist, coordinates in Fp2 as {re, im}; null is infinity. */
  public record G2(BigInteger[] x, BigInteger[] y) {}

  // ------------------------------------------------------------------ Fp

  private static BigInteger mod(BigInteger a) {
    return a.mod(P);
  }

  private static BigInteger inv(BigInteger a) {
    return a.modInverse(P);
  }

  // ------------------------------------------------------------------ G1

  public static boolean onCurve(G1 p) {
    if (p == null) {
      return true;
    }
    return p.y.multiply(p.y).subtract(p.x.pow(3)).subtract(THREE).mod(P).signum() == 0;
  }

  public static G1 add(G1 a, G1 b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    if (a.x.equals(b.x)) {
      if (a.y.equals(b.y) && a.y.signum() != 0) {
        return dbl(a);
      }
      return null;
    }
    BigInteger m = b.y.subtract(a.y).multiply(inv(mod(b.x.subtract(a.x)))).mod(P);
    BigInteger x = m.multiply(m).subtract(a.x).subtract(b.x).mod(P);
    BigInteger y = m.multiply(a.x.subtract(x)).subtract(a.y).mod(P);
    return new G1(x, y);
  }

  private static G1 dbl(G1 a) {
    if (a == null || a.y.signum() == 0) {
      return null;
    }
    BigInteger m = THREE.multiply(a.x).multiply(a.x).multiply(inv(mod(a.y.shiftLeft(1)))).mod(P);
    BigInteger x = m.multiply(m).subtract(a.x.shiftLeft(1)).mod(P);
    BigInteger y = m.multiply(a.x.subtract(x)).subtract(a.y).mod(P);
    return new G1(x, y);
  }

  public static G1 mul(G1 p, BigInteger k) {
    G1 r = null;
    for (int i = k.bitLength() - 1; i >= 0; i--) {
      r = dbl(r);
      if (k.testBit(i)) {
        r = add(r, p);
      }
    }
    return r;
  }

  // ------------------------------------------------------------------ Fp2

  private static BigInteger[] f2(BigInteger a, BigInteger b) {
    return new BigInteger[] {a, b};
  }

  private static BigInteger[] f2add(BigInteger[] a, BigInteger[] b) {
    return f2(a[0].add(b[0]).mod(P), a[1].add(b[1]).mod(P));
  }

  private static BigInteger[] f2sub(BigInteger[] a, BigInteger[] b) {
    return f2(a[0].subtract(b[0]).mod(P), a[1].subtract(b[1]).mod(P));
  }

  private static BigInteger[] f2mul(BigInteger[] a, BigInteger[] b) {
    return f2(
        a[0].multiply(b[0]).subtract(a[1].multiply(b[1])).mod(P),
        a[0].multiply(b[1]).add(a[1].multiply(b[0])).mod(P));
  }

  private static BigInteger[] f2scale(BigInteger[] a, long k) {
    BigInteger s = BigInteger.valueOf(k);
    return f2(a[0].multiply(s).mod(P), a[1].multiply(s).mod(P));
  }

  private static BigInteger[] f2inv(BigInteger[] a) {
    BigInteger n = inv(a[0].multiply(a[0]).add(a[1].multiply(a[1])).mod(P));
    return f2(a[0].multiply(n).mod(P), a[1].negate().multiply(n).mod(P));
  }

  private static BigInteger[] f2div(BigInteger[] a, BigInteger[] b) {
    return f2mul(a, f2inv(b));
  }

  private static boolean f2eq(BigInteger[] a, BigInteger[] b) {
    return a[0].equals(b[0]) && a[1].equals(b[1]);
  }

  private static boolean f2zero(BigInteger[] a) {
    return a[0].signum() == 0 && a[1].signum() == 0;
  }

  // ------------------------------------------------------------------ G2 (twist)

  public static boolean onCurve(G2 q) {
    if (q == null) {
      return true;
    }
    BigInteger[] lhs = f2mul(q.y, q.y);
    BigInteger[] rhs = f2add(f2mul(f2mul(q.x, q.x), q.x), B2);
    return f2eq(lhs, rhs);
  }

  public static G2 add(G2 a, G2 b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    if (f2eq(a.x, b.x)) {
      if (f2eq(a.y, b.y) && !f2zero(a.y)) {
        return dbl(a);
      }
      return null;
    }
    BigInteger[] m = f2div(f2sub(b.y, a.y), f2sub(b.x, a.x));
    return through(a, b, m);
  }

  private static G2 through(G2 a, G2 b, BigInteger[] m) {
    BigInteger[] x = f2sub(f2sub(f2mul(m, m), a.x), b.x);
    BigInteger[] y = f2sub(f2mul(m, f2sub(a.x, x)), a.y);
    return new G2(x, y);
  }

  private static BigInteger[] tangent(G2 a) {
    return f2div(f2scale(f2mul(a.x, a.x), 3), f2scale(a.y, 2));
  }

  private static G2 dbl(G2 a) {
    if (a == null || f2zero(a.y)) {
      return null;
    }
    return through(a, a, tangent(a));
  }

  public static G2 mul(G2 p, BigInteger k) {
    G2 r = null;
    for (int i = k.bitLength() - 1; i >= 0; i--) {
      r = dbl(r);
      if (k.testBit(i)) {
        r = add(r, p);
      }
    }
    return r;
  }

  /** On the twist and in the order-r subgroup. */
  public static boolean isValidG2(G2 q) {
    return q == null || (onCurve(q) && mul(q, R) == null);
  }

  // ------------------------------------------------------------------ Fp12

  private static BigInteger[] f12zero() {
    BigInteger[] r = new BigInteger[12];
    java.util.Arrays.fill(r, BigInteger.ZERO);
    return r;
  }

  private static BigInteger[] f12one() {
    BigInteger[] r = f12zero();
    r[0] = BigInteger.ONE;
    return r;
  }

  static BigInteger[] f12mul(BigInteger[] a, BigInteger[] b) {
    BigInteger[] c = new BigInteger[23];
    java.util.Arrays.fill(c, BigInteger.ZERO);
    for (int i = 0; i < 12; i++) {
      if (a[i].signum() == 0) {
        continue;
      }
      for (int j = 0; j < 12; j++) {
        if (b[j].signum() != 0) {
          c[i + j] = c[i + j].add(a[i].multiply(b[j]));
        }
      }
    }
    for (int k = 22; k >= 12; k--) {
      if (c[k].signum() == 0) {
        continue;
      }
      BigInteger ck = c[k].mod(P);
      // w^12 = 18 w^6 - 82
      c[k - 6] = c[k - 6].add(ck.multiply(BigInteger.valueOf(18)));
      c[k - 12] = c[k - 12].subtract(ck.multiply(BigInteger.valueOf(82)));
    }
    BigInteger[] r = new BigInteger[12];
    for (int i = 0; i < 12; i++) {
      r[i] = c[i].mod(P);
    }
    return r;
  }

  private static BigInteger[] f12pow(BigInteger[] a, BigInteger e) {
    BigInteger[] r = f12one();
    for (int i = e.bitLength() - 1; i >= 0; i--) {
      r = f12mul(r, r);
      if (e.testBit(i)) {
        r = f12mul(r, a);
      }
    }
    return r;
  }

  private static BigInteger[] frobenius(BigInteger[] a) {
    BigInteger[] r = f12zero();
    for (int k = 0; k < 12; k++) {
      if (a[k].signum() == 0) {
        continue;
      }
      BigInteger[] t = FROB[k];
      for (int i = 0; i < 12; i++) {
        r[i] = r[i].add(a[k].multiply(t[i]));
      }
    }
    for (int i = 0; i < 12; i++) {
      r[i] = r[i].mod(P);
    }
    return r;
  }

  private static BigInteger[] frobenius(BigInteger[] a, int times) {
    BigInteger[] r = a;
    for (int i = 0; i < times; i++) {
      r = frobenius(r);
    }
    return r;
  }

  /** a^-1 = (product of the 11 non-trivial conjugates) / norm, the norm lying in Fp. */
  private static BigInteger[] f12inv(BigInteger[] a) {
    BigInteger[] conj = f12one();
    BigInteger[] c = a;
    for (int k = 1; k < 12; k++) {
      c = frobenius(c);
      conj = f12mul(conj, c);
    }
    BigInteger norm = f12mul(conj, a)[0];
    BigInteger ni = inv(norm);
    BigInteger[] r = new BigInteger[12];
    for (int i = 0; i < 12; i++) {
      r[i] = conj[i].multiply(ni).mod(P);
    }
    return r;
  }

  private static boolean f12isOne(BigInteger[] a) {
    if (!a[0].equals(BigInteger.ONE)) {
      return false;
    }
    for (int i = 1; i < 12; i++) {
      if (a[i].signum() != 0) {
        return false;
      }
    }
    return true;
  }

  // ------------------------------------------------------------------ pairing

  /** phi(a + b i) = (a - 9b) + b w^6: the embedding of Fp2 into Fp12. */
  private static BigInteger lo(BigInteger[] a) {
    return a[0].subtract(NINE.multiply(a[1])).mod(P);
  }

  /** The line through R with slope m (twisted coordinates), evaluated at P. */
  private static BigInteger[] line(G2 r, BigInteger[] m, G1 p) {
    BigInteger[] l = f12zero();
    l[0] = p.y.negate().mod(P);
    l[1] = lo(m).multiply(p.x).mod(P);
    l[7] = m[1].multiply(p.x).mod(P);
    BigInteger[] t = f2sub(r.y, f2mul(m, r.x));
    l[3] = lo(t);
    l[9] = t[1];
    return l;
  }

  /** The vertical line x = x(R), evaluated at P. */
  private static BigInteger[] vertical(G2 r, G1 p) {
    BigInteger[] l = f12zero();
    l[0] = p.x;
    l[2] = lo(r.x).negate().mod(P);
    l[8] = r.x[1].negate().mod(P);
    return l;
  }

  /** Multiplies f by the line through a and b (at P) and returns a + b. */
  private static G2 step(BigInteger[][] f, G2 a, G2 b, G1 p) {
    if (f2eq(a.x, b.x)) {
      if (f2eq(a.y, b.y) && !f2zero(a.y)) {
        BigInteger[] m = tangent(a);
        f[0] = f12mul(f[0], line(a, m, p));
        return through(a, a, m);
      }
      f[0] = f12mul(f[0], vertical(a, p));
      return null;
    }
    BigInteger[] m = f2div(f2sub(b.y, a.y), f2sub(b.x, a.x));
    f[0] = f12mul(f[0], line(a, m, p));
    return through(a, b, m);
  }

  /** The Frobenius endomorphism on the twist, via Fp12 and back. */
  private static G2 frobeniusPoint(G2 q) {
    BigInteger[] x12 = f12zero();
    x12[2] = lo(q.x);
    x12[8] = q.x[1];
    BigInteger[] y12 = f12zero();
    y12[3] = lo(q.y);
    y12[9] = q.y[1];
    BigInteger[] fx = frobenius(x12);
    BigInteger[] fy = frobenius(y12);
    // back from (a + b w^6) w^k: the Fp2 element (a + 9b) + b i
    return new G2(
        f2(fx[2].add(NINE.multiply(fx[8])).mod(P), fx[8]),
        f2(fy[3].add(NINE.multiply(fy[9])).mod(P), fy[9]));
  }

  private static BigInteger[] miller(G2 q, G1 p) {
    BigInteger[][] f = {f12one()};
    G2 r = q;
    for (int i = ATE_LOOP.bitLength() - 2; i >= 0; i--) {
      f[0] = f12mul(f[0], f[0]);
      r = step(f, r, r, p);
      if (ATE_LOOP.testBit(i)) {
        r = step(f, r, q, p);
      }
    }
    G2 q1 = frobeniusPoint(q);
    G2 q2 = frobeniusPoint(q1);
    G2 nq2 = new G2(q2.x, f2(q2.y[0].negate().mod(P), q2.y[1].negate().mod(P)));
    r = step(f, r, q1, p);
    step(f, r, nq2, p);
    return f[0];
  }

  private static BigInteger[] finalExponentiation(BigInteger[] f) {
    BigInteger[] f1 = f12mul(frobenius(f, 6), f12inv(f)); // f^(p^6 - 1)
    BigInteger[] f2 = f12mul(frobenius(f1, 2), f1); // ^(p^2 + 1)
    return f12pow(f2, HARD_EXP);
  }

  /** True when the product of e(P_i, Q_i) is one. Points must be valid (checked by the caller). */
  public static boolean pairingCheck(List<G1> ps, List<G2> qs) {
    BigInteger[] acc = f12one();
    boolean any = false;
    for (int i = 0; i < ps.size(); i++) {
      G1 p = ps.get(i);
      G2 q = qs.get(i);
      if (p == null || q == null) {
        continue;
      }
      acc = f12mul(acc, miller(q, p));
      any = true;
    }
    return !any || f12isOne(finalExponentiation(acc));
  }
}
