package dev.raftseq.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.raftseq.chain.types.Block;
import dev.raftseq.rpc.EthBackend;
import dev.raftseq.rpc.jsonrpc.InvalidParamException;
import dev.raftseq.rpc.jsonrpc.RpcError;
import dev.raftseq.rpc.jsonrpc.RpcException;
import dev.raftseq.rpc.jsonrpc.RpcJson;
import dev.raftseq.rpc.jsonrpc.RpcMethod;
import dev.raftseq.rpc.jsonrpc.RpcParams;
import dev.raftseq.rpc.jsonrpc.SyncRpcMethod;
import dev.raftseq.rpc.params.BlockNumber;
import dev.raftseq.rpc.params.LogFilter;
import java.util.List;
import java.util.Optional;

/**
 * The polling filter methods: eth_newFilter, eth_newBlockFilter, eth_getFilterChanges,
 * eth_getFilterLogs, eth_uninstallFilter. Changes are computed from the applied chain when
 * polled: a block filter answers the hashes of blocks after the last poll, a log filter the
 * matching logs of those blocks (within its fromBlock/toBlock).
 */
final class FilterMethods {
  private FilterMethods() {}

  static List<RpcMethod> all(EthBackend backend, Filters filters, EthGetLogs getLogs) {
    return List.of(
        method("eth_newFilter", 1, p -> {
          LogFilter criteria = p.required(0, LogFilter.READER);
          if (criteria.blockHash() != null) {
            throw RpcError.server("cannot specify blockHash for a filter; use eth_getLogs").toException();
          }
          return TextNode.valueOf(filters.install(criteria, backend.chain().head().number()));
        }),
        method("eth_newBlockFilter", 0,
            p -> TextNode.valueOf(filters.install(null, backend.chain().head().number()))),
        method("eth_getFilterChanges", 1, p -> changes(backend, filters.poll(p.required(0, FilterMethods::id)))),
        method("eth_getFilterLogs", 1, p -> {
          Filters.Filter f = filters.poll(p.required(0, FilterMethods::id));
          if (f.criteria == null) {
            throw RpcError.server("filter not found").toException();
          }
          return getLogs.logs(f.criteria);
        }),
        method("eth_uninstallFilter", 1, p -> BooleanNode.valueOf(filters.uninstall(p.required(0, FilterMethods::id)))));
  }

  private static String id(JsonNode node) throws InvalidParamException {
    if (!node.isTextual()) {
      throw new InvalidParamException("json: cannot unmarshal non-string into Go value of type rpc.ID");
    }
    return node.textValue();
  }

  private static JsonNode changes(EthBackend backend, Filters.Filter f) throws RpcException {
    ArrayNode out = RpcJson.NODES.arrayNode();
    synchronized (f) {
      long head = backend.chain().head().number();
      long from = f.lastBlock + 1;
      long to = head;
      if (f.criteria != null) {
        from = Math.max(from, bound(backend, f.criteria.fromBlock(), 0));
        to = Math.min(to, bound(backend, f.criteria.toBlock(), head));
      }
      for (long n = from; n <= to; n++) {
        Optional<Block> block = backend.chain().blockByNumber(n);
        if (block.isEmpty()) {
          break;
        }
        if (f.criteria == null) {
          out.add(block.get().hash().toHex());
        } else {
          EthGetLogs.collect(backend.chain(), block.get(), f.criteria, out);
        }
      }
      f.lastBlock = Math.max(f.lastBlock, head);
    }
    return out;
  }

  private static long bound(EthBackend backend, BlockNumber bn, long whenAbsent) {
    if (bn == null) {
      return whenAbsent;
    }
    return bn.tag() == null ? bn.number() : bn.tag() == dev.raftseq.rpc.params.BlockTag.EARLIEST ? 0 : backend.chain().head().number();
  }

  @FunctionalInterface
  private interface Body {
    JsonNode apply(RpcParams params) throws RpcException;
  }

  private static RpcMethod method(String name, int maxParams, Body body) {
    return new SyncRpcMethod() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public int maxParams() {
        return maxParams;
      }

      @Override
      public JsonNode result(RpcParams params) throws RpcException {
        return body.apply(params);
      }
    };
  }
}
