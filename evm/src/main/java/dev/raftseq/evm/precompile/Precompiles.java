package dev.raftseq.evm.precompile;

import dev.raftseq.evm.EvmAddress;
import ethereum.cryptography.LibEthKZG;
import fr.acinq.secp256k1.Secp256k1;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.crypto.digests.KeccakDigest;
import org.bouncycastle.crypto.digests.RIPEMD160Digest;

/**
 * Cancun's precompiled contracts 0x01..0x0a. {@link #run} returns null when the input is invalid
 * (the call then fails and consumes all its gas), as the EIPs define.
 */
public final class Precompiles {
  public static final int LAST = 0x0a;
  private static final byte[] EMPTY = new byte[0];
  private static final BigInteger BLS_MODULUS =
      new BigInteger("73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001", 16);
  private static final byte[] POINT_EVALUATION_RESULT = pointEvaluationResult();
  private static volatile LibEthKZG kzg;

  /** 0x01..0x0a. */
  public static boolean isPrecompile(EvmAddress a) {
    int i = a.lowIndex();
    return i >= 1 && i <= LAST;
  }

  private static long words(long len) {
    return (len + 31) / 32;
  }

  /** The gas a call to precompile {@code a} with {@code input} costs. */
  public long gas(EvmAddress a, byte[] input) {
    return switch (a.lowIndex()) {
      case 1 -> 3000;
      case 2 -> 60 + 12 * words(input.length);
      case 3 -> 600 + 120 * words(input.length);
      case 4 -> 15 + 3 * words(input.length);
      case 5 -> ModExp.gas(input);
      case 6 -> 150;
      case 7 -> 6000;
      case 8 -> 45000 + 34000L * (input.length / 192);
      case 9 -> input.length == 213 ? Blake2f.rounds(input) : 0;
      case 10 -> 50000;
      default -> throw new IllegalArgumentException("not a precompile: " + a);
    };
  }

  /** The output, or null when the call fails. */
  public byte[] run(EvmAddress a, byte[] input) {
    return switch (a.lowIndex()) {
      case 1 -> ecrecover(input);
      case 2 -> sha256(input);
      case 3 -> ripemd160(input);
      case 4 -> input.clone();
      case 5 -> ModExp.run(input);
      case 6 -> bnAdd(input);
      case 7 -> bnMul(input);
      case 8 -> bnPairing(input);
      case 9 -> Blake2f.compress(input);
      case 10 -> pointEvaluation(input);
      default -> throw new IllegalArgumentException("not a precompile: " + a);
    };
  }

  private static byte[] padded(byte[] in, int len) {
    return in.length >= len ? in : Arrays.copyOf(in, len);
  }

  private static byte[] ecrecover(byte[] input) {
    byte[] in = padded(input, 128);
    for (int i = 32; i < 63; i++) {
      if (in[i] != 0) {
        return EMPTY;
      }
    }
    int v = in[63] & 0xFF;
    if (v != 27 && v != 28) {
      return EMPTY;
    }
    byte[] sig = Arrays.copyOfRange(in, 64, 128);
    byte[] hash = Arrays.copyOfRange(in, 0, 32);
    try {
      byte[] pub = Secp256k1.Companion.get().ecdsaRecover(sig, hash, v - 27);
      KeccakDigest d = new KeccakDigest(256);
      d.update(pub, 1, 64);
      byte[] h = new byte[32];
      d.doFinal(h, 0);
      Arrays.fill(h, 0, 12, (byte) 0);
      return h;
    } catch (RuntimeException e) {
      return EMPTY; // unrecoverable signature: success with empty output
    }
  }

  private static byte[] sha256(byte[] in) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(in);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] ripemd160(byte[] in) {
    RIPEMD160Digest d = new RIPEMD160Digest();
    d.update(in, 0, in.length);
    byte[] out = new byte[32];
    d.doFinal(out, 12);
    return out;
  }

  private static BigInteger num(byte[] in, int off) {
    return new BigInteger(1, Arrays.copyOfRange(in, off, off + 32));
  }

  /** A G1 point from 64 bytes: null for (0,0), or throws when invalid. */
  private static Bn254.G1 g1(byte[] in, int off) {
    BigInteger x = num(in, off);
    BigInteger y = num(in, off + 32);
    if (x.compareTo(Bn254.P) >= 0 || y.compareTo(Bn254.P) >= 0) {
      throw new IllegalArgumentException("coordinate not in field");
    }
    if (x.signum() == 0 && y.signum() == 0) {
      return null;
    }
    Bn254.G1 p = new Bn254.G1(x, y);
    if (!Bn254.onCurve(p)) {
      throw new IllegalArgumentException("point not on curve");
    }
    return p;
  }

  private static byte[] encode(Bn254.G1 p) {
    byte[] out = new byte[64];
    if (p != null) {
      put(out, 0, p.x());
      put(out, 32, p.y());
    }
    return out;
  }

  private static void put(byte[] out, int off, BigInteger v) {
    byte[] b = v.toByteArray();
    int n = Math.min(b.length, 32);
    System.arraycopy(b, b.length - n, out, off + 32 - n, n);
  }

  private static byte[] bnAdd(byte[] input) {
    byte[] in = padded(input, 128);
    try {
      return encode(Bn254.add(g1(in, 0), g1(in, 64)));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static byte[] bnMul(byte[] input) {
    byte[] in = padded(input, 96);
    try {
      Bn254.G1 p = g1(in, 0);
      return encode(p == null ? null : Bn254.mul(p, num(in, 64)));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static byte[] bnPairing(byte[] in) {
    if (in.length % 192 != 0) {
      return null;
    }
    List<Bn254.G1> ps = new ArrayList<>();
    List<Bn254.G2> qs = new ArrayList<>();
    try {
      for (int off = 0; off < in.length; off += 192) {
        ps.add(g1(in, off));
        BigInteger xi = num(in, off + 64);
        BigInteger xr = num(in, off + 96);
        BigInteger yi = num(in, off + 128);
        BigInteger yr = num(in, off + 160);
        for (BigInteger c : new BigInteger[] {xi, xr, yi, yr}) {
          if (c.compareTo(Bn254.P) >= 0) {
            return null;
          }
        }
        Bn254.G2 q =
            xi.signum() == 0 && xr.signum() == 0 && yi.signum() == 0 && yr.signum() == 0
                ? null
                : new Bn254.G2(new BigInteger[] {xr, xi}, new BigInteger[] {yr, yi});
        if (!Bn254.isValidG2(q)) {
          return null;
        }
        qs.add(q);
      }
    } catch (IllegalArgumentException e) {
      return null;
    }
    byte[] out = new byte[32];
    out[31] = (byte) (Bn254.pairingCheck(ps, qs) ? 1 : 0);
    return out;
  }

  private static LibEthKZG kzg() {
    LibEthKZG k = kzg;
    if (k == null) {
      synchronized (Precompiles.class) {
        k = kzg;
        if (k == null) {
          k = new LibEthKZG();
          kzg = k;
        }
      }
    }
    return k;
  }

  private static byte[] pointEvaluation(byte[] in) {
    if (in.length != 192) {
      return null;
    }
    byte[] versioned = Arrays.copyOfRange(in, 0, 32);
    byte[] z = Arrays.copyOfRange(in, 32, 64);
    byte[] y = Arrays.copyOfRange(in, 64, 96);
    byte[] commitment = Arrays.copyOfRange(in, 96, 144);
    byte[] proof = Arrays.copyOfRange(in, 144, 192);
    byte[] h = sha256(commitment);
    h[0] = 0x01;
    if (!Arrays.equals(h, versioned)) {
      return null;
    }
    if (new BigInteger(1, z).compareTo(BLS_MODULUS) >= 0 || new BigInteger(1, y).compareTo(BLS_MODULUS) >= 0) {
      return null;
    }
    try {
      return kzg().verifyKzgProof(commitment, z, y, proof) ? POINT_EVALUATION_RESULT.clone() : null;
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static byte[] pointEvaluationResult() {
    byte[] out = new byte[64];
    put(out, 0, BigInteger.valueOf(4096));
    put(out, 32, BLS_MODULUS);
    return out;
  }
}
