package dev.raftseq.rpc.jsonrpc;

import com.fasterxml.jackson.databind.JsonNode;

/** Decodes one positional parameter; {@code node} is never null nor JSON null. */
@FunctionalInterface
public interface ParamReader<T> {
  T read(JsonNode node) throws InvalidParamException;
}
