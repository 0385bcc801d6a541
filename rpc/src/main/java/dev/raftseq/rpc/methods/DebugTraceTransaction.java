package dev.raftseq.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.raftseq.chain.exec.BlockContext;
import dev.raftseq.chain.exec.CallTrace;
import dev.raftseq.chain.exec.EvmEnv;
import dev.raftseq.chain.exec.StateOverlay;
import dev.raftseq.chain.exec.TxProcessor;
import dev.raftseq.chain.exec.TxResult;
import dev.raftseq.chain.state.StateView;
import dev.raftseq.chain.store.ChainReader;
import dev.raftseq.chain.types.Block;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.Header;
import dev.raftseq.chain.types.Hex;
import dev.raftseq.chain.types.RecoveredTx;
import dev.raftseq.chain.types.Transaction;
import dev.raftseq.chain.types.TxLocation;
import dev.raftseq.rpc.EthBackend;
import dev.raftseq.rpc.json.Quantity;
import dev.raftseq.rpc.jsonrpc.RpcError;
import dev.raftseq.rpc.jsonrpc.RpcException;
import dev.raftseq.rpc.jsonrpc.RpcJson;
import dev.raftseq.rpc.jsonrpc.RpcParams;
import dev.raftseq.rpc.jsonrpc.SyncRpcMethod;
import dev.raftseq.rpc.params.HexParams;

/**
 * debug_traceTransaction(hash, {tracer: "callTracer", tracerConfig: {onlyTopCall}}): re-executes
 * the transaction's block up to it on the parent's state and answers geth's callTracer tree
 * (type, from, to, value, gas, gasUsed, input, output, error, revertReason, calls). Only the
 * callTracer is implemented; the parent state must still be available (not pruned).
 */
public final class DebugTraceTransaction implements SyncRpcMethod {
  private final TxProcessor processor = new TxProcessor();
  private final ChainReader chain;

  public DebugTraceTransaction(EthBackend backend) {
    this.chain = backend.chain();
  }

  @Override
  public String name() {
    return "debug_traceTransaction";
  }

  @Override
  public int maxParams() {
    return 2;
  }

  @Override
  public JsonNode result(RpcParams params) throws RpcException {
    Hash hash = params.required(0, HexParams.HASH);
    JsonNode options = params.optional(1, n -> n).orElse(null);
    String tracer = options == null || !options.hasNonNull("tracer") ? null : options.get("tracer").asText();
    if (!"callTracer".equals(tracer)) {
      throw RpcError.server("only the callTracer is supported (pass {\"tracer\":\"callTracer\"})").toException();
    }
    boolean onlyTop = options.path("tracerConfig").path("onlyTopCall").asBoolean(false);
    TxLocation loc = chain.transactionLocation(hash)
        .orElseThrow(() -> RpcError.server("transaction not found").toException());
    Block block = chain.blockByHash(loc.blockHash())
        .orElseThrow(() -> RpcError.server("block " + loc.blockHash() + " not found").toException());
    Header parent = chain.headerByNumber(block.number() - 1)
        .orElseThrow(() -> RpcError.server("parent of block " + block.number() + " not found").toException());
    StateView parentState = chain.stateAt(parent.stateRoot())
        .orElseThrow(() -> RpcError.server("historical state " + parent.stateRoot().toHex().substring(2)
            + " is not available").toException());
    EvmEnv env = EvmEnv.parentOnly(BlockContext.of(chain.chainId(), block.header()));
    StateOverlay state = new StateOverlay(parentState);
    long gasLeft = block.header().gasLimit();
    for (int i = 0; i < loc.index(); i++) {
      TxResult r = processor.apply(block.transactions().get(i), null, state, env, gasLeft);
      if (r instanceof TxResult.Applied a) {
        gasLeft -= a.gasUsed();
      }
    }
    RecoveredTx target = block.transactions().get(loc.index());
    CallTrace.Traced traced = processor.applyTraced(target, state, env, gasLeft);
    if (!(traced.result() instanceof TxResult.Applied applied)) {
      throw RpcError.server("transaction does not re-execute: " + ((TxResult.Invalid) traced.result()).message())
          .toException();
    }
    Transaction tx = target.tx();
    ObjectNode top;
    if (traced.root() == null) { // a plain transfer: no EVM run
      top = RpcJson.NODES.objectNode();
      top.put("type", "CALL");
      top.put("from", target.sender().toHex());
      top.put("to", tx.to().toHex());
      top.put("value", Quantity.of(tx.value().value()));
      top.put("gas", "0x0");
      top.put("gasUsed", "0x0");
      top.put("input", Hex.encode(tx.data()));
      top.put("output", "0x");
    } else {
      top = json(traced.root(), onlyTop);
    }
    top.put("gas", Quantity.of(tx.gasLimit()));
    top.put("gasUsed", Quantity.of(applied.gasUsed()));
    return top;
  }

  /** geth's callTracer frame. */
  static ObjectNode json(CallTrace t, boolean onlyTop) {
    ObjectNode n = RpcJson.NODES.objectNode();
    n.put("type", t.type());
    n.put("from", t.from().toHex());
    n.put("to", t.to().toHex());
    if (t.value() != null) {
      n.put("value", Quantity.of(t.value().value()));
    }
    n.put("gas", Quantity.of(t.gas()));
    n.put("gasUsed", Quantity.of(t.gasUsed()));
    n.put("input", Hex.encode(t.input()));
    if (t.output().length > 0 || t.error() == null || t.reverted()) {
      n.put("output", Hex.encode(t.output()));
    }
    if (t.error() != null) {
      n.put("error", t.error());
      String reason = t.reverted() ? EvmCall.revertReason(t.output()) : null;
      if (reason != null) {
        n.put("revertReason", reason);
      }
    }
    if (!onlyTop && !t.calls().isEmpty()) {
      ArrayNode calls = n.putArray("calls");
      for (CallTrace c : t.calls()) {
        calls.add(json(c, false));
      }
    }
    return n;
  }
}
