package dev.raftseq.rpc.params;

import com.fasterxml.jackson.databind.JsonNode;
import dev.raftseq.rpc.jsonrpc.InvalidParamException;

/**
 * What a JSON value is being decoded into, named as geth (a Go type, optionally a struct
 * field), so error texts match what Ethereum clients already know, e.g. "json: cannot
 * unmarshal hex string without 0x prefix into Go value of type hexutil.Uint64".
 */
public record Target(String goType, String structField) {
  public static final Target UINT64 = new Target("hexutil.Uint64", null);
  public static final Target UINT = new Target("hexutil.Uint", null);
  public static final Target BIG = new Target("*hexutil.Big", null);
  public static final Target BYTES = new Target("hexutil.Bytes", null);
  public static final Target ADDRESS = new Target("common.Address", null);
  public static final Target HASH = new Target("common.Hash", null);
  public static final Target BOOL = new Target("bool", null);

  /** The same type as a field of a struct, e.g. TransactionArgs.gas. */
  public Target field(String structAndField) {
    return new Target(goType, structAndField);
  }

  public InvalidParamException cannotUnmarshal(String what) {
    String into =
        structField == null
            ? " into Go value of type " + goType
            : " into Go struct field " + structField + " of type " + goType;
    return new InvalidParamException("json: cannot unmarshal " + what + into);
  }

  /** Go's name for the JSON kind of a value: string, number, bool, object, array. */
  public static String kind(JsonNode node) {
    if (node.isTextual()) {
      return "string";
    }
    if (node.isNumber()) {
      return "number";
    }
    if (node.isBoolean()) {
      return "bool";
    }
    if (node.isArray()) {
      return "array";
    }
    if (node.isObject()) {
      return "object";
    }
    return "null";
  }
}
