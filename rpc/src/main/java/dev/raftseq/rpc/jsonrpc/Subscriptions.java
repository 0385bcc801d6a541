package dev.raftseq.rpc.jsonrpc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Consumer;
import java.util.function.Function;

/** The subscriptions of one WebSocket connection. Thread-safe. */
public interface Subscriptions {
  /**
   * Creates a subscription: {@code start} receives the sink for its notification results and
   * returns the handle that stops the source. Notifications reach the client only after the
   * response carrying the returned id.
   *
   * @return the subscription id ("0x" + hex, as geth)
   * @throws RpcException when the connection has too many subscriptions
   */
  String add(Function<Consumer<JsonNode>, AutoCloseable> start) throws RpcException;

  /** Stops and removes a subscription; false when this connection has no such id. */
  boolean remove(String id);
}
