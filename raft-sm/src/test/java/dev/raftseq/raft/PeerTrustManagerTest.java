package dev.raftseq.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.raftseq.chain.crypto.Keccak;
import dev.raftseq.chain.crypto.NodeKey;
import dev.raftseq.chain.types.Hash;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.Test;

/** Which certificates the Raft trust manager accepts, in and out, as the membership changes. */
class PeerTrustManagerTest {
  private static final long CHAIN = 271;
  private static final Hash GENESIS = Keccak.hash(new byte[] {1});
  private static final Instant NOW = Instant.parse("2026-12-07T04:00:00Z");

  private final NodeKey a = TestCluster.randomKey(new Random(1));
  private final NodeKey b = TestCluster.randomKey(new Random(2));
  private final NodeKey outsider = TestCluster.randomKey(new Random(3));
  private final Map<String, String> members = new HashMap<>();
  private final RefusalLog refusals = new RefusalLog("test", InstantSource.fixed(NOW));
  private final PeerTrustManager trust = new PeerTrustManager(CHAIN, GENESIS, () -> Map.copyOf(members), refusals);

  PeerTrustManagerTest() {
    members.put(NodeIds.peerId(a.nodeIdHex()), "127.0.0.1:7001");
    members.put(NodeIds.peerId(b.nodeIdHex()), "127.0.0.1:7002");
  }

  private static X509Certificate[] cert(NodeKey key, long chain) {
    return new X509Certificate[] {TlsIdentity.create(key, chain, GENESIS, NOW).certificate()};
  }

  private static SSLEngine dialling(String host, int port) throws Exception {
    return SSLContext.getDefault().createSSLEngine(host, port);
  }

  @Test
  void membersAreAcceptedBothWays() throws Exception {
    trust.checkClientTrusted(cert(a, CHAIN), "EC", (SSLEngine) null);
    trust.checkServerTrusted(cert(b, CHAIN), "EC", dialling("127.0.0.1", 7002));
    trust.checkServerTrusted(cert(b, CHAIN), "EC", dialling("10.0.0.9", 7002)); // an address not configured
    assertThat(refusals.count()).isZero();
    assertThat(trust.getAcceptedIssuers()).isEmpty();
  }

  @Test
  void outsidersAnotherChainsEndorsementAndNoCertificateAreRefusedAndCounted() throws Exception {
    assertThatThrownBy(() -> trust.checkClientTrusted(cert(outsider, CHAIN), "EC", (SSLEngine) null))
        .isInstanceOf(CertificateException.class).hasMessageContaining("not a member");
    assertThatThrownBy(() -> trust.checkServerTrusted(cert(outsider, CHAIN), "EC", dialling("127.0.0.1", 7001)))
        .isInstanceOf(CertificateException.class);
    assertThatThrownBy(() -> trust.checkClientTrusted(cert(a, CHAIN + 1), "EC", (SSLEngine) null))
        .isInstanceOf(CertificateException.class).hasMessageContaining("not signed");
    assertThatThrownBy(() -> trust.checkClientTrusted(new X509Certificate[0], "EC", (SSLEngine) null))
        .isInstanceOf(CertificateException.class).hasMessageContaining("no certificate");
    assertThat(refusals.count()).isEqualTo(4);
  }

  @Test
  void aMemberAnsweringAtAnotherMembersAddressIsRefused() throws Exception {
    assertThatThrownBy(() -> trust.checkServerTrusted(cert(b, CHAIN), "EC", dialling("127.0.0.1", 7001)))
        .isInstanceOf(CertificateException.class).hasMessageContaining("where member");
  }

  @Test
  void membershipIsReadAtEveryHandshake() throws Exception {
    assertThatThrownBy(() -> trust.checkClientTrusted(cert(outsider, CHAIN), "EC", (SSLEngine) null))
        .isInstanceOf(CertificateException.class);
    members.put(NodeIds.peerId(outsider.nodeIdHex()), "127.0.0.1:7003"); // added to the configuration
    trust.checkClientTrusted(cert(outsider, CHAIN), "EC", (SSLEngine) null);
    members.remove(NodeIds.peerId(a.nodeIdHex())); // removed
    assertThatThrownBy(() -> trust.checkClientTrusted(cert(a, CHAIN), "EC", (SSLEngine) null))
        .isInstanceOf(CertificateException.class);
  }
}
