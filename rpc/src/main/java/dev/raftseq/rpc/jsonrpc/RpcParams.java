package dev.raftseq.rpc.jsonrpc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/** The positional parameters of one call, with geth's error texts for missing or bad values. */
public final class RpcParams {
  private final List<JsonNode> values;

  public RpcParams(List<JsonNode> values) {
    this.values = List.copyOf(values);
  }

  public static RpcParams empty() {
    return new RpcParams(List.of());
  }

  public int size() {
    return values.size();
  }

  /** The value at {@code index}; absent or JSON null is "missing value for required argument N". */
  public <T> T required(int index, ParamReader<T> reader) throws RpcException {
    return optional(index, reader)
        .orElseThrow(
            () -> RpcError.invalidParams("missing value for required argument " + index).toException());
  }

  /** The value at {@code index}, or empty when absent or JSON null. */
  public <T> Optional<T> optional(int index, ParamReader<T> reader) throws RpcException {
    if (index >= values.size() || values.get(index).isNull()) {
      return Optional.empty();
    }
    try {
      return Optional.of(reader.read(values.get(index)));
    } catch (InvalidParamException e) {
      throw RpcError.invalidParams("invalid argument " + index + ": " + e.getMessage()).toException();
    }
  }
}
