package dev.raftseq.rpc.params;

import com.fasterxml.jackson.databind.JsonNode;
import dev.raftseq.chain.types.AccessTuple;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.rpc.jsonrpc.InvalidParamException;
import dev.raftseq.rpc.jsonrpc.ParamReader;
import dev.raftseq.rpc.jsonrpc.RpcError;
import dev.raftseq.rpc.jsonrpc.RpcException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The call object of eth_call and eth_estimateGas (geth's TransactionArgs). Absent and null
 * fields are null; unknown fields are ignored, as in geth.
 */
public record CallArgs(
    Address from,
    Address to,
    Long gas,
    BigInteger gasPrice,
    BigInteger maxFeePerGas,
    BigInteger maxPriorityFeePerGas,
    BigInteger value,
    Long nonce,
    byte[] data,
    byte[] input,
    List<AccessTuple> accessList,
    BigInteger chainId) {

  public static final ParamReader<CallArgs> READER = CallArgs::read;
  private static final String STRUCT = "TransactionArgs.";

  /** The call data: "input", or the legacy "data"; both set and different is geth's error. */
  public byte[] callData() throws RpcException {
    if (data != null && input != null && !Arrays.equals(data, input)) {
      throw RpcError.server(
              "both \"data\" and \"input\" are set and not equal. Please use \"input\" to pass transaction call data")
          .toException();
    }
    byte[] d = input != null ? input : data;
    return d == null ? new byte[0] : d.clone();
  }

  public static CallArgs read(JsonNode node) throws InvalidParamException {
    if (!node.isObject()) {
      throw new InvalidParamException(
          "json: cannot unmarshal " + Target.kind(node) + " into Go value of type ethapi.TransactionArgs");
    }
    return new CallArgs(
        field(node, "from", n -> HexParams.address(n, Target.ADDRESS.field(STRUCT + "from"))),
        field(node, "to", n -> HexParams.address(n, Target.ADDRESS.field(STRUCT + "to"))),
        field(node, "gas", n -> HexParams.uint64(n, Target.UINT64.field(STRUCT + "gas"))),
        field(node, "gasPrice", n -> HexParams.big(n, Target.BIG.field(STRUCT + "gasPrice"))),
        field(node, "maxFeePerGas", n -> HexParams.big(n, Target.BIG.field(STRUCT + "maxFeePerGas"))),
        field(node, "maxPriorityFeePerGas",
            n -> HexParams.big(n, Target.BIG.field(STRUCT + "maxPriorityFeePerGas"))),
        field(node, "value", n -> HexParams.big(n, Target.BIG.field(STRUCT + "value"))),
        field(node, "nonce", n -> HexParams.uint64(n, Target.UINT64.field(STRUCT + "nonce"))),
        field(node, "data", n -> HexParams.bytes(n, Target.BYTES.field(STRUCT + "data"))),
        field(node, "input", n -> HexParams.bytes(n, Target.BYTES.field(STRUCT + "input"))),
        field(node, "accessList", CallArgs::accessList),
        field(node, "chainId", n -> HexParams.big(n, Target.BIG.field(STRUCT + "chainId"))));
  }

  private static List<AccessTuple> accessList(JsonNode node) throws InvalidParamException {
    Target list = new Target("types.AccessList", STRUCT + "accessList");
    if (!node.isArray()) {
      throw list.cannotUnmarshal(Target.kind(node));
    }
    List<AccessTuple> out = new ArrayList<>(node.size());
    for (JsonNode entry : node) {
      if (!entry.isObject()) {
        throw new Target("types.AccessTuple", STRUCT + "accessList").cannotUnmarshal(Target.kind(entry));
      }
      JsonNode address = entry.get("address");
      Address a =
          address == null || address.isNull()
              ? Address.ZERO
              : HexParams.address(address, Target.ADDRESS.field(STRUCT + "accessList.address"));
      List<Hash> keys = new ArrayList<>();
      JsonNode storageKeys = entry.get("storageKeys");
      if (storageKeys != null && !storageKeys.isNull()) {
        Target keyList = new Target("[]common.Hash", STRUCT + "accessList.storageKeys");
        if (!storageKeys.isArray()) {
          throw keyList.cannotUnmarshal(Target.kind(storageKeys));
        }
        for (JsonNode k : storageKeys) {
          keys.add(HexParams.hash(k, Target.HASH.field(STRUCT + "accessList.storageKeys")));
        }
      }
      out.add(new AccessTuple(a, keys));
    }
    return out;
  }

  private static <T> T field(JsonNode node, String name, ParamReader<T> reader) throws InvalidParamException {
    JsonNode value = node.get(name);
    return value == null || value.isNull() ? null : reader.read(value);
  }
}
