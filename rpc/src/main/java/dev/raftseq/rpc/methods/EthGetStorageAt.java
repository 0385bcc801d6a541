package dev.raftseq.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.rpc.EthBackend;
import dev.raftseq.rpc.jsonrpc.InvalidParamException;
import dev.raftseq.rpc.jsonrpc.RpcError;
import dev.raftseq.rpc.jsonrpc.RpcException;
import dev.raftseq.rpc.jsonrpc.RpcParams;
import dev.raftseq.rpc.jsonrpc.SyncRpcMethod;
import dev.raftseq.rpc.params.BlockNumberOrHash;
import dev.raftseq.rpc.params.HexParams;
import dev.raftseq.rpc.params.Target;

/**
 * eth_getStorageAt(address, slot, block): the 32-byte word. The slot is read as geth does: hex
 * with or without 0x, odd length allowed, up to 32 bytes, left-padded.
 */
public final class EthGetStorageAt implements SyncRpcMethod {
  private final BlockResolver blocks;

  public EthGetStorageAt(EthBackend backend) {
    this.blocks = new BlockResolver(backend.chain());
  }

  @Override
  public String name() {
    return "eth_getStorageAt";
  }

  @Override
  public int maxParams() {
    return 3;
  }

  @Override
  public JsonNode result(RpcParams params) throws RpcException {
    Address address = params.required(0, HexParams.ADDRESS);
    String key = params.required(1, EthGetStorageAt::string);
    BlockNumberOrHash block = params.required(2, BlockNumberOrHash.READER);
    var state = blocks.state(block);
    Hash slot = slot(key);
    return TextNode.valueOf(state.storage(address, slot).toHex());
  }

  private static String string(JsonNode node) throws InvalidParamException {
    if (!node.isTextual()) {
      throw new Target("string", null).cannotUnmarshal(Target.kind(node));
    }
    return node.textValue();
  }

  /** geth's decodeHash. */
  static Hash slot(String key) throws RpcException {
    String s = key.startsWith("0x") || key.startsWith("0X") ? key.substring(2) : key;
    if ((s.length() & 1) != 0) {
      s = "0" + s;
    }
    if (s.length() > 64) {
      throw RpcError.server("unable to decode storage key: hex string too long, want at most 32 bytes").toException();
    }
    byte[] word = new byte[32];
    int offset = 32 - s.length() / 2;
    for (int i = 0; i < s.length(); i += 2) {
      char hi = s.charAt(i);
      char lo = s.charAt(i + 1);
      if (!isNibble(hi) || !isNibble(lo)) {
        throw RpcError.server("unable to decode storage key: hex string invalid").toException();
      }
      word[offset + i / 2] = (byte) ((Character.digit(hi, 16) << 4) | Character.digit(lo, 16));
    }
    return new Hash(word);
  }

  private static boolean isNibble(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }
}
