package dev.raftseq.batcher.attest;

import dev.raftseq.batcher.batch.BatchCommitment;
import dev.raftseq.chain.crypto.Secp256k1;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.Hex;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * A committee member's signature of a batch commitment, in the form the L1 contract takes:
 * 65 bytes r ++ s ++ v with v = 27 or 28 and low s, over
 * {@link BatchCommitment#signingDigest}(commitment).
 */
public record Attestation(long batchNumber, Hash commitment, Address signer, byte[] signature) {
  public Attestation {
    Objects.requireNonNull(commitment, "commitment");
    Objects.requireNonNull(signer, "signer");
    if (signature.length != 65) {
      throw new IllegalArgumentException("a signature is 65 bytes, got " + signature.length);
    }
    signature = signature.clone();
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }

  public String signatureHex() {
    return Hex.encode(signature);
  }

  /**
   * The address that made {@code signature65} over {@code commitment}, if it is a well-formed
   * signature (v 27/28, r and s in range, low s) that recovers.
   */
  public static Optional<Address> recoverSigner(Hash commitment, byte[] signature65) {
    if (signature65.length != 65) {
      return Optional.empty();
    }
    int v = signature65[64] & 0xff;
    BigInteger r = new BigInteger(1, Arrays.copyOfRange(signature65, 0, 32));
    BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature65, 32, 64));
    if ((v != 27 && v != 28) || r.signum() == 0 || s.signum() == 0 || r.compareTo(Secp256k1.N) >= 0
        || s.compareTo(Secp256k1.HALF_N) > 0) {
      return Optional.empty();
    }
    try {
      return Optional.of(Secp256k1.recoverAddress(
          BatchCommitment.signingDigest(commitment).unsafeBytes(), Arrays.copyOf(signature65, 64), v - 27));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** True when the signature is well formed and was made by {@link #signer} over {@link #commitment}. */
  public boolean isValid() {
    return recoverSigner(commitment, signature).map(signer::equals).orElse(false);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Attestation a && batchNumber == a.batchNumber && commitment.equals(a.commitment)
        && signer.equals(a.signer) && Arrays.equals(signature, a.signature);
  }

  @Override
  public int hashCode() {
    return Objects.hash(batchNumber, commitment, signer) * 31 + Arrays.hashCode(signature);
  }

  @Override
  public String toString() {
    return "Attestation(batch " + batchNumber + ", " + commitment + ", by " + signer + ")";
  }
}
