package dev.raftseq.raft;

import dev.raftseq.chain.types.Hash;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.function.Supplier;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts a peer's certificate only if its key is endorsed by a node key ({@link PeerEndorsement}) whose
 * id is a member: in the live Raft configuration, or being admitted by this node (see
 * {@link RaftNode#admittedPeers()}). Used on both sides of every Raft connection. As a client it also
 * requires the id configured at the address it dialled, when one is. Host names play no part: the
 * node id is the identity, so there is no hostname verification and no certificate authority.
 */
final class PeerTrustManager extends X509ExtendedTrustManager {
  private final long chainId;
  private final Hash genesisHash;
  /** Peer id (128 hex) to Raft address ("host:port"), for every peer that may connect now. */
  private final Supplier<Map<String, String>> members;
  private final RefusalLog refusals;

  PeerTrustManager(long chainId, Hash genesisHash, Supplier<Map<String, String>> members, RefusalLog refusals) {
    this.chainId = chainId;
    this.genesisHash = genesisHash;
    this.members = members;
    this.refusals = refusals;
  }

  /** The proven id of a member presenting {@code chain}; the reason as the exception otherwise. */
  String authorize(X509Certificate[] chain, Map<String, String> allowed) throws CertificateException {
    if (chain == null || chain.length == 0) {
      throw new CertificateException("no certificate");
    }
    String id = PeerEndorsement.verify(chain[0], chainId, genesisHash);
    if (!allowed.containsKey(id)) {
      throw new CertificateException("node " + shortId(id) + " is not a member of the Raft configuration");
    }
    return id;
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    checkClient(chain);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    checkClient(chain);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    checkClient(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    checkServer(chain, engine == null ? null : engine.getPeerHost(), engine == null ? -1 : engine.getPeerPort());
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    checkServer(chain, null, -1);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    checkServer(chain, null, -1);
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[0];
  }

  private void checkClient(X509Certificate[] chain) throws CertificateException {
    try {
      authorize(chain, members.get());
    } catch (CertificateException e) {
      refusals.refuse("an inbound Raft TLS handshake", "a peer", e.getMessage());
      throw e;
    }
  }

  private void checkServer(X509Certificate[] chain, String host, int port) throws CertificateException {
    Map<String, String> allowed = members.get();
    String dialled = host == null ? "a peer" : RaftNodeConfig.Peer.address(host, port);
    try {
      String id = authorize(chain, allowed);
      if (host != null) {
        for (Map.Entry<String, String> m : allowed.entrySet()) {
          if (m.getValue().equals(dialled) && !m.getKey().equals(id)) {
            throw new CertificateException("node " + shortId(id) + " answered at " + dialled
                + ", where member " + shortId(m.getKey()) + " is configured");
          }
        }
      }
    } catch (CertificateException e) {
      refusals.refuse("an outbound Raft TLS handshake", dialled, e.getMessage());
      throw e;
    }
  }

  static String shortId(String peerId) {
    return "0x" + peerId.substring(0, Math.min(8, peerId.length()));
  }
}
