package dev.raftseq.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.raftseq.chain.state.AccountProof;
import dev.raftseq.chain.types.Account;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.Header;
import dev.raftseq.chain.types.Hex;
import dev.raftseq.rpc.EthBackend;
import dev.raftseq.rpc.json.Quantity;
import dev.raftseq.rpc.jsonrpc.InvalidParamException;
import dev.raftseq.rpc.jsonrpc.RpcError;
import dev.raftseq.rpc.jsonrpc.RpcException;
import dev.raftseq.rpc.jsonrpc.RpcJson;
import dev.raftseq.rpc.jsonrpc.RpcParams;
import dev.raftseq.rpc.jsonrpc.SyncRpcMethod;
import dev.raftseq.rpc.params.BlockNumberOrHash;
import dev.raftseq.rpc.params.HexParams;
import dev.raftseq.rpc.params.Target;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * eth_getProof(address, storageKeys, block): EIP-1186's account and storage proofs from the
 * state trie at the block's state root, in geth's shape. A missing account is proven absent
 * (zero balance and nonce, empty code hash and storage root).
 */
public final class EthGetProof implements SyncRpcMethod {
  private static final Hash EMPTY_CODE = Hash.EMPTY_CODE;
  private final BlockResolver blocks;

  public EthGetProof(EthBackend backend) {
    this.blocks = new BlockResolver(backend.chain());
  }

  @Override
  public String name() {
    return "eth_getProof";
  }

  @Override
  public int maxParams() {
    return 3;
  }

  @Override
  public JsonNode result(RpcParams params) throws RpcException {
    Address address = params.required(0, HexParams.ADDRESS);
    List<Hash> keys = params.required(1, EthGetProof::keys);
    BlockNumberOrHash block = params.required(2, BlockNumberOrHash.READER);
    Header header = blocks.header(block);
    AccountProof proof = blocks.chain().proof(header.stateRoot(), address, keys)
        .orElseThrow(() -> RpcError.server("historical state " + header.stateRoot().toHex().substring(2)
            + " is not available").toException());
    Account a = proof.account();
    ObjectNode o = RpcJson.NODES.objectNode();
    o.put("address", address.toHex());
    ArrayNode accountProof = o.putArray("accountProof");
    proof.accountProof().forEach(n -> accountProof.add(Hex.encode(n)));
    o.put("balance", Quantity.of(a == null ? BigInteger.ZERO : a.balance().value()));
    o.put("codeHash", (a == null ? EMPTY_CODE : a.codeHash()).toHex());
    o.put("nonce", Quantity.of(a == null ? 0 : a.nonce()));
    o.put("storageHash", (a == null ? Hash.EMPTY_TRIE : a.storageRoot()).toHex());
    ArrayNode storage = o.putArray("storageProof");
    for (AccountProof.StorageProof sp : proof.storageProofs()) {
      ObjectNode s = storage.addObject();
      s.put("key", sp.key().toHex());
      s.put("value", Quantity.of(new BigInteger(1, sp.value().unsafeBytes())));
      ArrayNode nodes = s.putArray("proof");
      sp.proof().forEach(n -> nodes.add(Hex.encode(n)));
    }
    return o;
  }

  private static List<Hash> keys(JsonNode node) throws InvalidParamException {
    if (!node.isArray()) {
      throw new InvalidParamException("json: cannot unmarshal " + Target.kind(node) + " into Go value of type []string");
    }
    List<Hash> out = new ArrayList<>(node.size());
    for (JsonNode k : node) {
      out.add(HexParams.hash(k, Target.HASH));
    }
    return out;
  }
}
