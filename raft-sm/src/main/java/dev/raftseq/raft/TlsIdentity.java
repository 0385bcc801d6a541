package dev.raftseq.raft;

import dev.raftseq.chain.crypto.NodeKey;
import dev.raftseq.chain.crypto.Secp256k1;
import dev.raftseq.chain.types.Hash;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * A node's TLS key and its self-signed certificate endorsed by the node key ({@link PeerEndorsement}).
 * Made afresh in memory at every start and never written anywhere: the node key is the one secret
 * an operator keeps; the TLS key lives as long as the process.
 *
 * @param peerId the endorsing node's id as Ratis names it (128 hex digits)
 */
record TlsIdentity(PrivateKey privateKey, X509Certificate certificate, String peerId) {
  /** The dates are informational (trust comes from the endorsement and membership, not from time). */
  private static final Duration VALIDITY = Duration.ofDays(3650);

  static TlsIdentity create(NodeKey nodeKey, long chainId, Hash genesisHash, Instant now) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair tls = g.generateKeyPair();
      byte[] spki = tls.getPublic().getEncoded();
      byte[] signature = Secp256k1.sign(PeerEndorsement.message(chainId, genesisHash, spki), nodeKey.privateKey());
      byte[] endorsement = PeerEndorsement.encode(new PeerEndorsement.Claim(nodeKey.publicKey(), signature));

      String peerId = NodeIds.peerId(nodeKey.nodeIdHex());
      X500Name name = new X500Name("CN=raftseq node " + peerId.substring(0, 16));
      AlgorithmIdentifier ecdsaSha256 = new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256);
      V3TBSCertificateGenerator tbs = new V3TBSCertificateGenerator();
      tbs.setSerialNumber(new ASN1Integer(new BigInteger(63, new SecureRandom()).add(BigInteger.ONE)));
      tbs.setIssuer(name);
      tbs.setSubject(name);
      tbs.setStartDate(new Time(Date.from(now.minus(Duration.ofDays(1)))));
      tbs.setEndDate(new Time(Date.from(now.plus(VALIDITY))));
      tbs.setSubjectPublicKeyInfo(SubjectPublicKeyInfo.getInstance(spki));
      tbs.setSignature(ecdsaSha256);
      ExtensionsGenerator extensions = new ExtensionsGenerator();
      extensions.addExtension(new ASN1ObjectIdentifier(PeerEndorsement.OID), false, endorsement);
      tbs.setExtensions(extensions.generate());
      TBSCertificate toSign = tbs.generateTBSCertificate();

      Signature s = Signature.getInstance("SHA256withECDSA");
      s.initSign(tls.getPrivate());
      s.update(toSign.getEncoded(ASN1Encoding.DER));
      byte[] der = new DERSequence(new ASN1Encodable[] {toSign, ecdsaSha256, new DERBitString(s.sign())})
          .getEncoded(ASN1Encoding.DER);
      X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(der));
      return new TlsIdentity(tls.getPrivate(), cert, peerId);
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot make the Raft TLS certificate", e);
    }
  }

  /** A key manager presenting this certificate (JDK's, over an in-memory key store). */
  KeyManager keyManager() {
    try {
      char[] password = new char[0];
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("raft", privateKey, password, new X509Certificate[] {certificate});
      KeyManagerFactory f = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      f.init(store, password);
      return f.getKeyManagers()[0];
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot load the Raft TLS key", e);
    }
  }
}
