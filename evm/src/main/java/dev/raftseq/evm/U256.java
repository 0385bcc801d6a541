package dev.raftseq.evm;

/**
 * 256-bit arithmetic in place on a limb array (the interpreter's stack): a value at base
 * {@code i} occupies {@code s[i..i+3]}, little-endian limbs. Binary operations read the
 * operands at {@code a} (the stack top, the EVM's first operand) and {@code b} and write the
 * result at {@code b}. Nothing allocates: division works on this instance's scratch digits, so
 * one instance serves one thread.
 */
public final class U256 {
  private static final long MASK32 = 0xFFFFFFFFL;
  // scratch for division: 32-bit digits, little-endian
  private final int[] u = new int[17];
  private final int[] v = new int[8];
  private final int[] q = new int[17];
  private final int[] r = new int[8];
  private final int[] un = new int[18];
  private final int[] vn = new int[8];
  private final long[] t = new long[8];
  private final long[] t2 = new long[8];

  // ---- simple operations (static) ----

  public static void add(long[] s, int a, int b) {
    long a0 = s[a], a1 = s[a + 1], a2 = s[a + 2], a3 = s[a + 3];
    long b0 = s[b], b1 = s[b + 1], b2 = s[b + 2], b3 = s[b + 3];
    long r0 = a0 + b0;
    long c = Long.compareUnsigned(r0, a0) < 0 ? 1 : 0;
    long r1 = a1 + b1;
    long c1 = Long.compareUnsigned(r1, a1) < 0 ? 1 : 0;
    r1 += c;
    c1 |= (r1 == 0 && c == 1) ? 1 : 0;
    long r2 = a2 + b2;
    long c2 = Long.compareUnsigned(r2, a2) < 0 ? 1 : 0;
    r2 += c1;
    c2 |= (r2 == 0 && c1 == 1) ? 1 : 0;
    long r3 = a3 + b3 + c2;
    s[b] = r0;
    s[b + 1] = r1;
    s[b + 2] = r2;
    s[b + 3] = r3;
  }

  /** s[b] = s[a] - s[b]. */
  public static void sub(long[] s, int a, int b) {
    long a0 = s[a], a1 = s[a + 1], a2 = s[a + 2], a3 = s[a + 3];
    long b0 = s[b], b1 = s[b + 1], b2 = s[b + 2], b3 = s[b + 3];
    long r0 = a0 - b0;
    long br = Long.compareUnsigned(a0, b0) < 0 ? 1 : 0;
    long r1 = a1 - b1;
    long br1 = Long.compareUnsigned(a1, b1) < 0 ? 1 : 0;
    br1 |= (r1 == 0 && br == 1) ? 1 : 0;
    r1 -= br;
    long r2 = a2 - b2;
    long br2 = Long.compareUnsigned(a2, b2) < 0 ? 1 : 0;
    br2 |= (r2 == 0 && br1 == 1) ? 1 : 0;
    r2 -= br1;
    long r3 = a3 - b3 - br2;
    s[b] = r0;
    s[b + 1] = r1;
    s[b + 2] = r2;
    s[b + 3] = r3;
  }

  static long umulh(long x, long y) {
    return Math.multiplyHigh(x, y) + ((x >> 63) & y) + ((y >> 63) & x);
  }

  /** s[b] = s[a] * s[b] mod 2^256. */
  public static void mul(long[] s, int a, int b) {
    long a0 = s[a], a1 = s[a + 1], a2 = s[a + 2], a3 = s[a + 3];
    long b0 = s[b], b1 = s[b + 1], b2 = s[b + 2], b3 = s[b + 3];
    mulInto(a0, a1, a2, a3, b0, b1, b2, b3, s, b);
  }

  static void mulInto(long a0, long a1, long a2, long a3, long b0, long b1, long b2, long b3, long[] out, int o) {
    // column 0
    long r0 = a0 * b0;
    long h = umulh(a0, b0);
    // column 1: h + a0*b1 + a1*b0
    long lo = a0 * b1;
    long r1 = h + lo;
    long c = Long.compareUnsigned(r1, lo) < 0 ? 1 : 0;
    long h2 = umulh(a0, b1) + c;
    lo = a1 * b0;
    long x = r1 + lo;
    c = Long.compareUnsigned(x, lo) < 0 ? 1 : 0;
    r1 = x;
    long h3 = umulh(a1, b0) + c;
    // column 2: h2 + h3 + a0*b2 + a1*b1 + a2*b0 (carries into column 3 tracked in c3)
    long r2 = h2;
    long c3 = 0;
    x = r2 + h3;
    c3 += Long.compareUnsigned(x, h3) < 0 ? 1 : 0;
    r2 = x;
    lo = a0 * b2;
    x = r2 + lo;
    c3 += Long.compareUnsigned(x, lo) < 0 ? 1 : 0;
    r2 = x;
    c3 += umulh(a0, b2);
    lo = a1 * b1;
    x = r2 + lo;
    c3 += Long.compareUnsigned(x, lo) < 0 ? 1 : 0;
    r2 = x;
    c3 += umulh(a1, b1);
    lo = a2 * b0;
    x = r2 + lo;
    c3 += Long.compareUnsigned(x, lo) < 0 ? 1 : 0;
    r2 = x;
    c3 += umulh(a2, b0);
    // column 3: only low halves matter
    long r3 = c3 + a0 * b3 + a1 * b2 + a2 * b1 + a3 * b0;
    out[o] = r0;
    out[o + 1] = r1;
    out[o + 2] = r2;
    out[o + 3] = r3;
  }

  public static boolean isZero(long[] s, int a) {
    return (s[a] | s[a + 1] | s[a + 2] | s[a + 3]) == 0;
  }

  /** Unsigned compare of s[a] with s[b]. */
  public static int compare(long[] s, int a, int b) {
    int c = Long.compareUnsigned(s[a + 3], s[b + 3]);
    if (c != 0) {
      return c;
    }
    c = Long.compareUnsigned(s[a + 2], s[b + 2]);
    if (c != 0) {
      return c;
    }
    c = Long.compareUnsigned(s[a + 1], s[b + 1]);
    return c != 0 ? c : Long.compareUnsigned(s[a], s[b]);
  }

  public static int signedCompare(long[] s, int a, int b) {
    int c = Long.compare(s[a + 3], s[b + 3]);
    if (c != 0) {
      return c;
    }
    c = Long.compareUnsigned(s[a + 2], s[b + 2]);
    if (c != 0) {
      return c;
    }
    c = Long.compareUnsigned(s[a + 1], s[b + 1]);
    return c != 0 ? c : Long.compareUnsigned(s[a], s[b]);
  }

  public static void set(long[] s, int b, long v0, long v1, long v2, long v3) {
    s[b] = v0;
    s[b + 1] = v1;
    s[b + 2] = v2;
    s[b + 3] = v3;
  }

  public static void setLong(long[] s, int b, long v) {
    s[b] = v;
    s[b + 1] = 0;
    s[b + 2] = 0;
    s[b + 3] = 0;
  }

  public static void negate(long[] s, int a) {
    long r0 = ~s[a], r1 = ~s[a + 1], r2 = ~s[a + 2], r3 = ~s[a + 3];
    r0 += 1;
    if (r0 == 0) {
      r1 += 1;
      if (r1 == 0) {
        r2 += 1;
        if (r2 == 0) {
          r3 += 1;
        }
      }
    }
    set(s, a, r0, r1, r2, r3);
  }

  /** BYTE: s[b] = byte s[a] (0 = most significant) of s[b]. */
  public static void byteOp(long[] s, int a, int b) {
    if (s[a + 1] != 0 || s[a + 2] != 0 || s[a + 3] != 0 || Long.compareUnsigned(s[a], 32) >= 0) {
      setLong(s, b, 0);
      return;
    }
    int i = (int) s[a];
    int limb = 3 - (i >>> 3);
    int shift = 56 - 8 * (i & 7);
    setLong(s, b, (s[b + limb] >>> shift) & 0xFF);
  }

  /** SHL: s[b] = s[b] << s[a]. */
  public void shl(long[] s, int a, int b) {
    if (s[a + 1] != 0 || s[a + 2] != 0 || s[a + 3] != 0 || Long.compareUnsigned(s[a], 256) >= 0) {
      setLong(s, b, 0);
      return;
    }
    int n = (int) s[a];
    int limbs = n >>> 6;
    int bits = n & 63;
    long[] in = t2;
    System.arraycopy(s, b, in, 0, 4);
    for (int i = 3; i >= 0; i--) {
      int src = i - limbs;
      long val = 0;
      if (src >= 0) {
        val = in[src] << bits;
        if (bits != 0 && src - 1 >= 0) {
          val |= in[src - 1] >>> (64 - bits);
        }
      }
      s[b + i] = val;
    }
  }

  /** SHR (logical) or SAR (arithmetic): s[b] = s[b] >> s[a]. */
  public void shr(long[] s, int a, int b, boolean arithmetic) {
    long fill = arithmetic && s[b + 3] < 0 ? -1L : 0L;
    if (s[a + 1] != 0 || s[a + 2] != 0 || s[a + 3] != 0 || Long.compareUnsigned(s[a], 256) >= 0) {
      set(s, b, fill, fill, fill, fill);
      return;
    }
    int n = (int) s[a];
    int limbs = n >>> 6;
    int bits = n & 63;
    long[] in = t2;
    System.arraycopy(s, b, in, 0, 4);
    for (int i = 0; i < 4; i++) {
      int src = i + limbs;
      long lo = src < 4 ? in[src] : fill;
      long hi = src + 1 < 4 ? in[src + 1] : fill;
      s[b + i] = bits == 0 ? lo : (lo >>> bits) | (hi << (64 - bits));
    }
  }

  /** SIGNEXTEND: s[b] = sign-extend s[b] from byte s[a] (0 = least significant). */
  public static void signExtend(long[] s, int a, int b) {
    if (s[a + 1] != 0 || s[a + 2] != 0 || s[a + 3] != 0 || Long.compareUnsigned(s[a], 31) >= 0) {
      return;
    }
    int bit = (int) s[a] * 8 + 7;
    int limb = bit >>> 6;
    int off = bit & 63;
    boolean neg = ((s[b + limb] >>> off) & 1) != 0;
    long mask = off == 63 ? -1L : (1L << (off + 1)) - 1;
    if (neg) {
      s[b + limb] |= ~mask;
    } else {
      s[b + limb] &= mask;
    }
    for (int i = limb + 1; i < 4; i++) {
      s[b + i] = neg ? -1L : 0;
    }
  }

  // ---- division family (instance: scratch digits) ----

  /** DIV or MOD: s[b] = s[a] / s[b] (or %), 0 when s[b] is 0. */
  public void divMod(long[] s, int a, int b, boolean mod) {
    if (isZero(s, b)) {
      return; // already zero
    }
    if ((s[a + 1] | s[a + 2] | s[a + 3] | s[b + 1] | s[b + 2] | s[b + 3]) == 0) {
      long x = s[a];
      long y = s[b];
      setLong(s, b, mod ? Long.remainderUnsigned(x, y) : Long.divideUnsigned(x, y));
      return;
    }
    int m = toDigits(s, a, u, 0);
    int n = toDigits(s, b, v, 0);
    divmnu(m, n);
    if (mod) {
      fromDigits(r, n, s, b);
    } else {
      fromDigits(q, Math.max(m - n + 1, 1), s, b);
      if (m < n) {
        setLong(s, b, 0);
      }
    }
  }

  /** SDIV or SMOD on two's complement values. */
  public void signedDivMod(long[] s, int a, int b, boolean mod) {
    if (isZero(s, b)) {
      return;
    }
    boolean negA = s[a + 3] < 0;
    boolean negB = s[b + 3] < 0;
    if (negA) {
      negate(s, a);
    }
    if (negB) {
      negate(s, b);
    }
    divMod(s, a, b, mod);
    boolean negR = mod ? negA : negA != negB;
    if (negR) {
      negate(s, b);
    }
  }

  /** ADDMOD: operands a, b, c (c = modulus) at bases a, b, c; result written at c. */
  public void addMod(long[] s, int a, int b, int c) {
    if (isZero(s, c)) {
      return;
    }
    // 257-bit sum into digits
    long carry = 0;
    for (int i = 0; i < 4; i++) {
      long x = s[a + i];
      long y = s[b + i];
      long lo = (x & MASK32) + (y & MASK32) + carry;
      u[2 * i] = (int) lo;
      long hi = (x >>> 32) + (y >>> 32) + (lo >>> 32);
      u[2 * i + 1] = (int) hi;
      carry = hi >>> 32;
    }
    u[8] = (int) carry;
    int m = 9;
    while (m > 0 && u[m - 1] == 0) {
      m--;
    }
    int n = toDigits(s, c, v, 0);
    reduce(m, n, s, c);
  }

  /** MULMOD: operands at a, b; modulus at c; result written at c. */
  public void mulMod(long[] s, int a, int b, int c) {
    if (isZero(s, c)) {
      return;
    }
    // 512-bit product in 32-bit digits
    for (int i = 0; i < 17; i++) {
      u[i] = 0;
    }
    long[] ad = t;
    long[] bd = t2;
    for (int i = 0; i < 4; i++) {
      ad[2 * i] = s[a + i] & MASK32;
      ad[2 * i + 1] = s[a + i] >>> 32;
      bd[2 * i] = s[b + i] & MASK32;
      bd[2 * i + 1] = s[b + i] >>> 32;
    }
    for (int i = 0; i < 8; i++) {
      long carry = 0;
      long ai = ad[i];
      if (ai == 0) {
        continue;
      }
      for (int j = 0; j < 8; j++) {
        long cur = (u[i + j] & MASK32) + ai * bd[j] + carry; // < 2^64 unsigned: (2^32-1)^2 + 2*(2^32-1)
        u[i + j] = (int) cur;
        carry = cur >>> 32;
      }
      int k = i + 8;
      while (carry != 0) {
        long cur = (u[k] & MASK32) + carry;
        u[k] = (int) cur;
        carry = cur >>> 32;
        k++;
      }
    }
    int m = 16;
    while (m > 0 && u[m - 1] == 0) {
      m--;
    }
    int n = toDigits(s, c, v, 0);
    reduce(m, n, s, c);
  }

  private void reduce(int m, int n, long[] s, int out) {
    if (m < n) {
      fromDigits(u, m, s, out);
      return;
    }
    divmnu(m, n);
    fromDigits(r, n, s, out);
  }

  /** EXP: s[b] = s[a] ^ s[b] mod 2^256. */
  public void exp(long[] s, int a, int b) {
    long b0 = s[a], b1 = s[a + 1], b2 = s[a + 2], b3 = s[a + 3];
    long e0 = s[b], e1 = s[b + 1], e2 = s[b + 2], e3 = s[b + 3];
    long r0 = 1, r1 = 0, r2 = 0, r3 = 0;
    long[] e = t2;
    e[0] = e0;
    e[1] = e1;
    e[2] = e2;
    e[3] = e3;
    long[] tmp = t;
    int top = 255;
    while (top >= 0 && ((e[top >>> 6] >>> (top & 63)) & 1) == 0) {
      top--;
    }
    for (int i = top; i >= 0; i--) {
      mulInto(r0, r1, r2, r3, r0, r1, r2, r3, tmp, 0);
      r0 = tmp[0];
      r1 = tmp[1];
      r2 = tmp[2];
      r3 = tmp[3];
      if (((e[i >>> 6] >>> (i & 63)) & 1) != 0) {
        mulInto(r0, r1, r2, r3, b0, b1, b2, b3, tmp, 0);
        r0 = tmp[0];
        r1 = tmp[1];
        r2 = tmp[2];
        r3 = tmp[3];
      }
    }
    set(s, b, r0, r1, r2, r3);
  }

  /** Bytes needed for the value at a (EXP's gas: 50 per exponent byte). */
  public static int byteLength(long[] s, int a) {
    for (int i = 3; i >= 0; i--) {
      if (s[a + i] != 0) {
        return i * 8 + (64 - Long.numberOfLeadingZeros(s[a + i]) + 7) / 8;
      }
    }
    return 0;
  }

  private static int toDigits(long[] s, int a, int[] d, int off) {
    for (int i = 0; i < 4; i++) {
      d[off + 2 * i] = (int) s[a + i];
      d[off + 2 * i + 1] = (int) (s[a + i] >>> 32);
    }
    int n = 8;
    while (n > 0 && d[off + n - 1] == 0) {
      n--;
    }
    return n;
  }

  private static void fromDigits(int[] d, int n, long[] s, int b) {
    for (int i = 0; i < 4; i++) {
      long lo = 2 * i < n ? d[2 * i] & MASK32 : 0;
      long hi = 2 * i + 1 < n ? d[2 * i + 1] & MASK32 : 0;
      s[b + i] = lo | (hi << 32);
    }
  }

  /**
   * Knuth's algorithm D (Hacker's Delight divmnu) on u[0..m) / v[0..n): quotient in q[0..m-n],
   * remainder in r[0..n). Requires n >= 1 and v[n-1] != 0.
   */
  private void divmnu(int m, int n) {
    for (int i = 0; i < q.length; i++) {
      q[i] = 0;
    }
    for (int i = 0; i < r.length; i++) {
      r[i] = 0;
    }
    if (m < n) {
      System.arraycopy(u, 0, r, 0, m);
      return;
    }
    if (n == 1) {
      long k = 0;
      long d = v[0] & MASK32;
      for (int j = m - 1; j >= 0; j--) {
        long num = (k << 32) | (u[j] & MASK32);
        q[j] = (int) Long.divideUnsigned(num, d);
        k = Long.remainderUnsigned(num, d);
      }
      r[0] = (int) k;
      return;
    }
    int sh = Integer.numberOfLeadingZeros(v[n - 1]);
    for (int i = n - 1; i > 0; i--) {
      vn[i] = sh == 0 ? v[i] : (v[i] << sh) | (v[i - 1] >>> (32 - sh));
    }
    vn[0] = v[0] << sh;
    un[m] = sh == 0 ? 0 : u[m - 1] >>> (32 - sh);
    for (int i = m - 1; i > 0; i--) {
      un[i] = sh == 0 ? u[i] : (u[i] << sh) | (u[i - 1] >>> (32 - sh));
    }
    un[0] = u[0] << sh;
    long vTop = vn[n - 1] & MASK32;
    long vNext = vn[n - 2] & MASK32;
    long base = 1L << 32;
    for (int j = m - n; j >= 0; j--) {
      long num = ((un[j + n] & MASK32) << 32) | (un[j + n - 1] & MASK32);
      long qhat = Long.divideUnsigned(num, vTop);
      long rhat = Long.remainderUnsigned(num, vTop);
      while (qhat >= base
          || Long.compareUnsigned(qhat * vNext, (rhat << 32) | (un[j + n - 2] & MASK32)) > 0) {
        qhat--;
        rhat += vTop;
        if (rhat >= base) {
          break;
        }
      }
      long k = 0;
      long tt;
      for (int i = 0; i < n; i++) {
        long p = qhat * (vn[i] & MASK32);
        tt = (un[i + j] & MASK32) - k - (p & MASK32);
        un[i + j] = (int) tt;
        k = (p >>> 32) - (tt >> 32);
      }
      tt = (un[j + n] & MASK32) - k;
      un[j + n] = (int) tt;
      q[j] = (int) qhat;
      if (tt < 0) {
        q[j]--;
        k = 0;
        for (int i = 0; i < n; i++) {
          tt = (un[i + j] & MASK32) + (vn[i] & MASK32) + k;
          un[i + j] = (int) tt;
          k = tt >>> 32;
        }
        un[j + n] += (int) k;
      }
    }
    for (int i = 0; i < n; i++) {
      r[i] = sh == 0 ? un[i] : (un[i] >>> sh) | (un[i + 1] << (32 - sh));
    }
  }
}
