package dev.raftseq.rpc.jsonrpc;

import java.util.Optional;

/** The connection a call arrived on. HTTP calls have no subscriptions; WebSocket calls do. */
public interface RpcSession {
  RpcSession STATELESS = Optional::empty;

  Optional<Subscriptions> subscriptions();
}
