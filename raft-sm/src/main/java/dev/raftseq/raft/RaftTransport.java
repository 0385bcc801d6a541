package dev.raftseq.raft;

import java.net.SocketAddress;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.grpc.GrpcTlsConfig;
import org.apache.ratis.grpc.server.GrpcServices;
import org.apache.ratis.proto.grpc.AdminProtocolServiceGrpc;
import org.apache.ratis.thirdparty.io.grpc.Grpc;
import org.apache.ratis.thirdparty.io.grpc.Metadata;
import org.apache.ratis.thirdparty.io.grpc.ServerCall;
import org.apache.ratis.thirdparty.io.grpc.ServerCallHandler;
import org.apache.ratis.thirdparty.io.grpc.ServerInterceptor;
import org.apache.ratis.thirdparty.io.grpc.Status;
import org.apache.ratis.thirdparty.io.grpc.netty.GrpcSslContexts;
import org.apache.ratis.thirdparty.io.grpc.netty.NettyServerBuilder;
import org.apache.ratis.thirdparty.io.netty.handler.ssl.ClientAuth;
import org.apache.ratis.thirdparty.io.netty.handler.ssl.SslContext;
import org.apache.ratis.thirdparty.io.netty.handler.ssl.SslContextBuilder;
import org.apache.ratis.thirdparty.io.netty.handler.ssl.SslProvider;

/**
 * How this node's Raft gRPC traffic is protected: the Ratis {@link Parameters} for its server and its
 * client.
 *
 * <p>With mutual TLS (TLS 1.3, JDK provider) every connection, in and out, presents this node's
 * endorsed certificate ({@link TlsIdentity}) and accepts only a member's ({@link PeerTrustManager}).
 * The listening side asks for a certificate without requiring it in the handshake, so that a peer
 * without one is refused (and logged) by the call filter below rather than by a silent handshake
 * failure. The call filter runs on every gRPC call to the Raft port, whatever the transport:
 * <ul>
 *   <li>Ratis's admin service (set configuration, group management, transfer leadership, snapshots,
 *       election pause) is refused to everyone: this node's operators reach those operations through
 *       the node's own authenticated admin API, which calls the local server in-process
 *       ({@link LocalRaftAdmin});
 *   <li>with TLS, a call whose connection has no endorsed certificate of a current member is refused,
 *       so a member removed while connected is cut off at its next call.
 * </ul>
 */
final class RaftTransport {
  static final String ADMIN_SERVICE = AdminProtocolServiceGrpc.SERVICE_NAME;
  private static final String TLS_13 = "TLSv1.3";

  private final String nodeName;
  private final PeerTrustManager trust;
  private final TlsIdentity identity;
  private final RefusalLog refusals;
  private final Supplier<Map<String, String>> members;

  private RaftTransport(String nodeName, TlsIdentity identity, PeerTrustManager trust, RefusalLog refusals,
      Supplier<Map<String, String>> members) {
    this.nodeName = nodeName;
    this.identity = identity;
    this.trust = trust;
    this.refusals = refusals;
    this.members = members;
  }

  /** Plaintext and unauthenticated (tests and benchmarks only); the admin service is still refused. */
  static RaftTransport plaintext(String nodeName, RefusalLog refusals) {
    return new RaftTransport(nodeName, null, null, refusals, Map::of);
  }

  static RaftTransport mutualTls(String nodeName, TlsIdentity identity, PeerTrustManager trust,
      RefusalLog refusals, Supplier<Map<String, String>> members) {
    return new RaftTransport(nodeName, identity, trust, refusals, members);
  }

  boolean isTls() {
    return identity != null;
  }

  /** For the Raft server: its listening side, and its connections to the other servers. */
  Parameters serverParameters() {
    Parameters p = clientParameters();
    GrpcConfigKeys.Server.setServicesCustomizer(p, this::customize);
    return p;
  }

  /** For a Raft client (transactions forwarded to the leader). */
  Parameters clientParameters() {
    Parameters p = new Parameters();
    if (identity != null) {
      GrpcConfigKeys.TLS.setConf(p, GrpcTlsConfig.newBuilder()
          .setKeyManager(identity.keyManager())
          .setTrustManager(trust)
          .setMutualTls(true)
          .setSslProvider(SslProvider.JDK)
          .setProtocols(TLS_13)
          .build());
    }
    return p;
  }

  private NettyServerBuilder customize(NettyServerBuilder builder, EnumSet<GrpcServices.Type> types) {
    if (identity != null) {
      builder.sslContext(listeningContext());
    }
    return builder.intercept(new CallFilter());
  }

  private SslContext listeningContext() {
    try {
      return GrpcSslContexts.configure(SslContextBuilder.forServer(identity.keyManager()), SslProvider.JDK)
          .trustManager(trust)
          .clientAuth(ClientAuth.OPTIONAL)
          .protocols(TLS_13)
          .build();
    } catch (SSLException e) {
      throw new IllegalStateException(nodeName + ": cannot set up Raft TLS", e);
    }
  }

  /** Refuses Ratis admin calls, and with TLS every call not from a current member. */
  private final class CallFilter implements ServerInterceptor {
    @Override
    public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
        ServerCallHandler<Q, A> next) {
      SocketAddress remote = call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
      String source = String.valueOf(remote);
      if (ADMIN_SERVICE.equals(call.getMethodDescriptor().getServiceName())) {
        return refuse(call, Status.PERMISSION_DENIED, "a Ratis admin call " + call.getMethodDescriptor().getBareMethodName(),
            source, "Ratis admin operations are not served over the network; use the node's admin API");
      }
      if (identity != null) {
        SSLSession session = call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION);
        X509Certificate[] chain;
        try {
          if (session == null) {
            throw new SSLPeerUnverifiedException("not a TLS connection");
          }
          Certificate[] certs = session.getPeerCertificates();
          chain = Arrays.stream(certs).map(X509Certificate.class::cast).toArray(X509Certificate[]::new);
        } catch (SSLPeerUnverifiedException | ClassCastException e) {
          return refuse(call, Status.UNAUTHENTICATED, "a Raft call", source, "no certificate");
        }
        try {
          trust.authorize(chain, members.get());
        } catch (CertificateException e) {
          return refuse(call, Status.PERMISSION_DENIED, "a Raft call", source, e.getMessage());
        }
      }
      return next.startCall(call, headers);
    }

    private <Q, A> ServerCall.Listener<Q> refuse(ServerCall<Q, A> call, Status status, String what, String source,
        String reason) {
      refusals.refuse(what, source, reason);
      call.close(status.withDescription(reason), new Metadata());
      return new ServerCall.Listener<>() {};
    }
  }
}
