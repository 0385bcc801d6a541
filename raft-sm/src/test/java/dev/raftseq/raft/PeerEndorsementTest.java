package dev.raftseq.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.raftseq.chain.crypto.Keccak;
import dev.raftseq.chain.crypto.NodeKey;
import dev.raftseq.chain.crypto.Secp256k1;
import dev.raftseq.chain.types.Hash;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The binding of a TLS certificate to a node id, and what breaks it. */
class PeerEndorsementTest {
  private static final long CHAIN = 271;
  private static final Hash GENESIS = Keccak.hash(new byte[] {1});
  private static final Instant NOW = Instant.parse("2026-12-07T04:00:00Z");
  private final NodeKey node = TestCluster.randomKey(new Random(1));
  private final NodeKey other = TestCluster.randomKey(new Random(2));

  @Test
  void aCertificateMadeForANodeProvesItsIdOnItsChain() throws Exception {
    TlsIdentity id = TlsIdentity.create(node, CHAIN, GENESIS, NOW);
    assertThat(PeerEndorsement.verify(id.certificate(), CHAIN, GENESIS))
        .isEqualTo(NodeIds.peerId(node.nodeIdHex())).isEqualTo(id.peerId());
    assertThat(id.certificate().getPublicKey().getAlgorithm()).isEqualTo("EC");
    id.certificate().verify(id.certificate().getPublicKey()); // a well-formed self-signed certificate
    assertThat(id.certificate().getNotBefore().toInstant()).isBefore(NOW);
    assertThat(id.certificate().getNotAfter().toInstant()).isAfter(NOW);
  }

  @Test
  void anEndorsementForAnotherChainOrGenesisProvesNothingHere() {
    X509Certificate cert = TlsIdentity.create(node, CHAIN, GENESIS, NOW).certificate();
    assertThatThrownBy(() -> PeerEndorsement.verify(cert, CHAIN + 1, GENESIS))
        .isInstanceOf(CertificateException.class).hasMessageContaining("not signed by that node key");
    assertThatThrownBy(() -> PeerEndorsement.verify(cert, CHAIN, Keccak.hash(new byte[] {2})))
        .isInstanceOf(CertificateException.class);
  }

  @Test
  void anEndorsementCopiedOntoAnotherKeyOrNamingAnotherNodeIsRefused() throws Exception {
    TlsIdentity mine = TlsIdentity.create(node, CHAIN, GENESIS, NOW);
    TlsIdentity thief = TlsIdentity.create(other, CHAIN, GENESIS, NOW);
    byte[] myEndorsement = PeerEndorsement.decode(
        org.bouncycastle.asn1.ASN1OctetString.getInstance(mine.certificate().getExtensionValue(PeerEndorsement.OID))
            .getOctets()).signature();
    // the thief signs its own TLS key with its own node key but claims the victim's id
    byte[] ownSignature = Secp256k1.sign(
        PeerEndorsement.message(CHAIN, GENESIS, thief.certificate().getPublicKey().getEncoded()), other.privateKey());
    assertThatThrownBy(() -> PeerEndorsement.verify(thief.certificate(), new PeerEndorsement.Claim(node.publicKey(), ownSignature), CHAIN, GENESIS))
        .isInstanceOf(CertificateException.class).hasMessageContaining("not signed by that node key");
    // or it copies the victim's endorsement onto its own TLS key
    assertThatThrownBy(() -> PeerEndorsement.verify(thief.certificate(), new PeerEndorsement.Claim(node.publicKey(), myEndorsement), CHAIN, GENESIS))
        .isInstanceOf(CertificateException.class);
  }

  @Test
  void aCertificateWithoutAnEndorsementIsRefused() throws Exception {
    X509Certificate plain = (X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
        .generateCertificate(new java.io.ByteArrayInputStream(java.util.Base64.getMimeDecoder().decode(SELF_SIGNED)));
    assertThatThrownBy(() -> PeerEndorsement.verify(plain, CHAIN, GENESIS))
        .isInstanceOf(CertificateException.class).hasMessageContaining("no node endorsement");
  }

  @Test
  void decodingIsStrict() throws Exception {
    byte[] good = PeerEndorsement.encode(new PeerEndorsement.Claim(node.publicKey(), new byte[65]));
    assertThat(PeerEndorsement.decode(good).nodeId()).isEqualTo(node.publicKey());
    byte[] trailing = Arrays.copyOf(good, good.length + 1);
    assertThatThrownBy(() -> PeerEndorsement.decode(trailing)).isInstanceOf(CertificateException.class);
    assertThatThrownBy(() -> PeerEndorsement.decode(Arrays.copyOf(good, good.length - 1)))
        .isInstanceOf(CertificateException.class);
    assertThatThrownBy(() -> PeerEndorsement.decode(new byte[0])).isInstanceOf(CertificateException.class);
    byte[] shortId = new org.bouncycastle.asn1.DERSequence(new org.bouncycastle.asn1.ASN1Encodable[] {
        new org.bouncycastle.asn1.DEROctetString(new byte[63]), new org.bouncycastle.asn1.DEROctetString(new byte[65])})
        .getEncoded();
    assertThatThrownBy(() -> PeerEndorsement.decode(shortId)).isInstanceOf(CertificateException.class);
    assertThatThrownBy(() -> PeerEndorsement.decode(new byte[1000])).isInstanceOf(CertificateException.class)
        .hasMessageContaining("too long");
  }

  /** An ordinary self-signed P-256 certificate (no endorsement). */
  private static final String SELF_SIGNED = "MIIBkTCCATegAwIBAgIUGRiGAxBwClbBjiHN3Fs74pWM3FswCgYIKoZIzj0EAwIwHTEbMBkGA1UEAwwSbm90IGEgcmFmdHNlcSBu"
      + "b2RlMCAXDTI2MTIwNzA0MDQzMloYDzIxMjYxMTEzMDQwNDMyWjAdMRswGQYDVQQDDBJub3QgYSByYWZ0c2VxIG5vZGUwWTATBgcq"
      + "hkjOPQIBBggqhkjOPQMBBwNCAAR8FLp/7BvWzvIvYVzgcknFymKa+z39eKzNRvO1qQVFOv+Ev5QGyvQVVAak1d2O26GM4U1O1yDs"
      + "hYLEuOVbW6BAo1MwUTAdBgNVHQ4EFgQUWiFvISbkUcXtfCUSkhMOxgcGjRIwHwYDVR0jBBgwFoAUWiFvISbkUcXtfCUSkhMOxgcG"
      + "jRIwDwYDVR0TAQH/BAUwAwEB/zAKBggqhkjOPQQDAgNIADBFAiA72seDqY2FviWeVXxiMRnVxboeuVRs9mAu8r36j2iZYAIhAOIU"
      + "WXHg3jnMrcHbLN9UmqZwtuq5ne4bs7aPs7BrE/+I";
}
