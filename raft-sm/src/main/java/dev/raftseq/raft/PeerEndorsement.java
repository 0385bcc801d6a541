package dev.raftseq.raft;

import dev.raftseq.chain.crypto.Keccak;
import dev.raftseq.chain.crypto.Secp256k1;
import dev.raftseq.chain.types.Hash;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;

/**
 * The binding of a node's TLS key to its node id. JDK TLS cannot sign with secp256k1, so each node
 * has a P-256 TLS key whose self-signed certificate carries, in a private extension, the node id and
 * a secp256k1 signature by the node key over keccak256(domain || chain id || genesis hash || the
 * certificate's SubjectPublicKeyInfo). Whoever completes a TLS handshake with that certificate holds
 * the TLS key (the handshake proves it), and the endorsement proves the node key vouched for that TLS
 * key on this chain: together they prove the peer's node id. Pure functions; no I/O.
 */
final class PeerEndorsement {
  /** A UUID-derived OID (ITU-T X.667 arc 2.25), needing no registration. */
  static final String OID = "2.25.131487783066897930764706645190011913556";
  private static final byte[] DOMAIN = "raftseq raft tls endorsement v1".getBytes(StandardCharsets.US_ASCII);
  private static final int ID_BYTES = 64;
  private static final int SIGNATURE_BYTES = 65;
  /** The extension value is two short octet strings; anything much longer is not ours. */
  private static final int MAX_VALUE_BYTES = 256;

  private PeerEndorsement() {}

  /** What the node key signs: the TLS public key (SubjectPublicKeyInfo DER), bound to this chain. */
  static Hash message(long chainId, Hash genesisHash, byte[] subjectPublicKeyInfo) {
    ByteBuffer b = ByteBuffer.allocate(DOMAIN.length + 8 + Hash.LENGTH + subjectPublicKeyInfo.length);
    b.put(DOMAIN).putLong(chainId).put(genesisHash.unsafeBytes()).put(subjectPublicKeyInfo);
    return Keccak.hash(b.array());
  }

  /** The claim inside the extension: a node id (64-byte public key) and its 65-byte signature. */
  record Claim(byte[] nodeId, byte[] signature) {
    Claim {
      if (nodeId.length != ID_BYTES || signature.length != SIGNATURE_BYTES) {
        throw new IllegalArgumentException("claim needs a 64-byte id and a 65-byte signature");
      }
      nodeId = nodeId.clone();
      signature = signature.clone();
    }

    @Override
    public byte[] nodeId() {
      return nodeId.clone();
    }

    @Override
    public byte[] signature() {
      return signature.clone();
    }
  }

  /** DER: SEQUENCE { OCTET STRING nodeId, OCTET STRING signature }. */
  static byte[] encode(Claim claim) {
    try {
      return new DERSequence(new ASN1Encodable[] {
          new DEROctetString(claim.nodeId()), new DEROctetString(claim.signature())}).getEncoded(ASN1Encoding.DER);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Parses an extension value strictly (exactly the DER {@link #encode} makes).
   *
   * @throws CertificateException on anything else
   */
  static Claim decode(byte[] der) throws CertificateException {
    if (der.length > MAX_VALUE_BYTES) {
      throw new CertificateException("node endorsement of " + der.length + " bytes is too long");
    }
    try (ASN1InputStream in = new ASN1InputStream(new java.io.ByteArrayInputStream(der), MAX_VALUE_BYTES)) {
      ASN1Primitive p = in.readObject();
      if (p == null || in.readObject() != null || !(p instanceof ASN1Sequence seq) || seq.size() != 2
          || !(seq.getObjectAt(0) instanceof ASN1OctetString id) || !(seq.getObjectAt(1) instanceof ASN1OctetString sig)
          || !Arrays.equals(p.getEncoded(ASN1Encoding.DER), der)) {
        throw new CertificateException("malformed node endorsement");
      }
      return new Claim(id.getOctets(), sig.getOctets());
    } catch (IOException | RuntimeException e) {
      throw new CertificateException("malformed node endorsement: " + e.getMessage(), e);
    }
  }

  /**
   * The peer id (128 lowercase hex digits, as Ratis names peers) that endorsed this certificate's key
   * for this chain.
   *
   * @throws CertificateException if the certificate carries no endorsement, or one not made by the key
   *     it names for this chain id and genesis over this certificate's public key
   */
  static String verify(X509Certificate cert, long chainId, Hash genesisHash) throws CertificateException {
    byte[] wrapped = cert.getExtensionValue(OID);
    if (wrapped == null) {
      throw new CertificateException("certificate carries no node endorsement");
    }
    byte[] value;
    try {
      value = ASN1OctetString.getInstance(wrapped).getOctets();
    } catch (RuntimeException e) {
      throw new CertificateException("malformed node endorsement", e);
    }
    return verify(cert, decode(value), chainId, genesisHash);
  }

  /** The id {@code claim} proves for this certificate's key, as {@link #verify(X509Certificate, long, Hash)}. */
  static String verify(X509Certificate cert, Claim claim, long chainId, Hash genesisHash) throws CertificateException {
    byte[] sig = claim.signature();
    byte[] signer;
    try {
      signer = Secp256k1.recover(message(chainId, genesisHash, cert.getPublicKey().getEncoded()),
          Arrays.copyOfRange(sig, 0, 32), Arrays.copyOfRange(sig, 32, 64), sig[64]);
    } catch (IllegalArgumentException e) {
      throw new CertificateException("node endorsement signature is invalid: " + e.getMessage(), e);
    }
    String claimed = HexFormat.of().formatHex(claim.nodeId());
    if (!Arrays.equals(signer, claim.nodeId())) {
      throw new CertificateException("node endorsement for " + claimed.substring(0, 8)
          + " was not signed by that node key over this certificate's key for chain " + chainId);
    }
    return claimed;
  }
}
