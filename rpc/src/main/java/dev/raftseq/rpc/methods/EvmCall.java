package dev.raftseq.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.raftseq.chain.exec.BlockContext;
import dev.raftseq.chain.exec.CallResult;
import dev.raftseq.chain.exec.EvmEnv;
import dev.raftseq.chain.exec.IntrinsicGas;
import dev.raftseq.chain.exec.StateOverlay;
import dev.raftseq.chain.exec.TxProcessor;
import dev.raftseq.chain.state.StateView;
import dev.raftseq.chain.types.AccessTuple;
import dev.raftseq.chain.types.Account;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.Header;
import dev.raftseq.chain.types.Hex;
import dev.raftseq.chain.types.Transaction;
import dev.raftseq.chain.types.TxType;
import dev.raftseq.chain.types.Wei;
import dev.raftseq.rpc.jsonrpc.InvalidParamException;
import dev.raftseq.rpc.jsonrpc.RpcError;
import dev.raftseq.rpc.jsonrpc.RpcErrorCode;
import dev.raftseq.rpc.jsonrpc.RpcException;
import dev.raftseq.rpc.params.BlockNumberOrHash;
import dev.raftseq.rpc.params.CallArgs;
import dev.raftseq.rpc.params.HexParams;
import dev.raftseq.rpc.params.Target;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * One eth_call / eth_estimateGas request made executable: the state of the named block with the
 * request's state overrides applied (geth's {@code StateOverride}: balance, nonce, code, state,
 * stateDiff), that block's environment, and the call's fields with geth's defaults (from zero
 * address, gas 50M, value 0). Nothing is written: every run starts from the same overlay.
 */
final class EvmCall {
  /** geth's default RPCGasCap. */
  static final long GAS_CAP = 50_000_000L;
  private static final byte[] ERROR_SELECTOR = {0x08, (byte) 0xc3, 0x79, (byte) 0xa0};
  private static final byte[] PANIC_SELECTOR = {0x4e, 0x48, 0x7b, 0x71};
  private static final Map<Integer, String> PANICS = Map.of(
      0x00, "generic panic", 0x01, "assert(false)", 0x11, "arithmetic underflow or overflow",
      0x12, "division or modulo by zero", 0x21, "enum overflow", 0x22, "invalid encoded storage byte array accessed",
      0x31, "out-of-bounds array access; popping on an empty array", 0x32, "out-of-bounds access of an array or bytesN",
      0x41, "out of memory", 0x51, "uninitialized function");

  private final TxProcessor processor;
  final StateOverlay state;
  final EvmEnv env;
  final Address from;
  final Address to;
  final Wei value;
  final byte[] data;
  final List<AccessTuple> accessList;

  private EvmCall(TxProcessor processor, StateOverlay state, EvmEnv env, Address from, Address to, Wei value, byte[] data,
      List<AccessTuple> accessList) {
    this.processor = processor;
    this.state = state;
    this.env = env;
    this.from = from;
    this.to = to;
    this.value = value;
    this.data = data;
    this.accessList = accessList;
  }

  static EvmCall prepare(
      TxProcessor processor, BlockResolver blocks, CallArgs args, BlockNumberOrHash ref, JsonNode overrides)
      throws RpcException {
    Header header = blocks.header(ref);
    StateView base = blocks.state(ref);
    StateOverlay overlay = new StateOverlay(base);
    if (overrides != null && !overrides.isNull()) {
      try {
        applyOverrides(overlay, overrides);
      } catch (InvalidParamException e) {
        throw RpcError.invalidParams("invalid argument 2: " + e.getMessage()).toException();
      }
    }
    BlockContext ctx = new BlockContext(
        blocks.chain().chainId(), header.number(), header.parentHash(), header.timestamp() * 1000,
        header.coinbase(), header.gasLimit(), header.baseFeePerGas());
    // blocks are built with BLOCKHASH answering the parent only; calls must agree with them
    EvmEnv env = EvmEnv.parentOnly(ctx);
    Address from = args.from() == null ? Address.ZERO : args.from();
    Wei value = Wei.of(args.value() == null ? BigInteger.ZERO : args.value());
    List<AccessTuple> accessList = args.accessList() == null ? List.of() : args.accessList();
    return new EvmCall(processor, overlay, env, from, args.to(), value, args.callData(), accessList);
  }

  BigInteger balance(Address a) {
    Account account = state.account(a);
    return account == null ? BigInteger.ZERO : account.balance().value();
  }

  boolean hasCode(Address a) {
    return a != null && (state.hasCode(a) || TxProcessor.isPrecompile(a));
  }

  /** The message call alone (no intrinsic gas), as eth_call runs it. */
  CallResult call(long gas) {
    return processor.call(state, env, from, to, value, data, gas);
  }

  /** The intrinsic gas a transaction with these fields pays. */
  long intrinsicGas() {
    return IntrinsicGas.of(new Transaction(TxType.EIP1559, null, 0, Wei.ZERO, Wei.ZERO, 0, to, value, data, accessList, null));
  }

  /** geth's answer to a failed call: code 3 with the revert data, or -32000 with the VM error. */
  static RpcException failure(CallResult r) {
    if (r.reverted()) {
      byte[] out = r.output();
      String reason = revertReason(out);
      String message = reason == null ? "execution reverted" : "execution reverted: " + reason;
      return new RpcError(RpcErrorCode.EXECUTION_REVERTED, message, TextNode.valueOf(Hex.encode(out))).toException();
    }
    return RpcError.server(r.error() == null ? "execution failed" : r.error()).toException();
  }

  /** The reason of an Error(string) or Panic(uint256) revert, else null. */
  static String revertReason(byte[] out) {
    if (out.length >= 4 + 64 && Arrays.equals(Arrays.copyOf(out, 4), ERROR_SELECTOR)) {
      try {
        BigInteger off = new BigInteger(1, Arrays.copyOfRange(out, 4, 36));
        int o = 4 + off.intValueExact();
        int len = new BigInteger(1, Arrays.copyOfRange(out, o, o + 32)).intValueExact();
        if (o + 32 + len <= out.length) {
          return new String(out, o + 32, len, StandardCharsets.UTF_8);
        }
      } catch (ArithmeticException | IndexOutOfBoundsException e) {
        return null;
      }
    }
    if (out.length == 4 + 32 && Arrays.equals(Arrays.copyOf(out, 4), PANIC_SELECTOR)) {
      BigInteger code = new BigInteger(1, Arrays.copyOfRange(out, 4, 36));
      String known = code.bitLength() < 16 ? PANICS.get(code.intValue()) : null;
      return known != null ? known : "unknown panic code: 0x" + code.toString(16);
    }
    return null;
  }

  private static void applyOverrides(StateOverlay overlay, JsonNode overrides) throws InvalidParamException {
    if (!overrides.isObject()) {
      throw new InvalidParamException("json: cannot unmarshal " + Target.kind(overrides)
          + " into Go value of type ethapi.StateOverride");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = overrides.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      Address a = HexParams.address(TextNode.valueOf(e.getKey()), Target.ADDRESS);
      JsonNode o = e.getValue();
      if (!o.isObject()) {
        throw new InvalidParamException("json: cannot unmarshal " + Target.kind(o)
            + " into Go value of type ethapi.OverrideAccount");
      }
      Account acc = overlay.accountOrEmpty(a);
      if (o.hasNonNull("nonce")) {
        acc = acc.withNonce(HexParams.uint64(o.get("nonce"), Target.UINT64.field("OverrideAccount.nonce")));
      }
      if (o.hasNonNull("balance")) {
        acc = acc.withBalance(Wei.of(HexParams.big(o.get("balance"), Target.BIG.field("OverrideAccount.balance"))));
      }
      if (o.hasNonNull("code")) {
        byte[] code = HexParams.bytes(o.get("code"), Target.BYTES.field("OverrideAccount.code"));
        Hash h = dev.raftseq.chain.crypto.Keccak.hash(code);
        overlay.putCode(h, code);
        acc = new Account(acc.nonce(), acc.balance(), acc.storageRoot(), h);
      }
      overlay.put(a, acc);
      if (o.hasNonNull("state") && o.hasNonNull("stateDiff")) {
        throw new InvalidParamException("account " + a.toHex() + " has both 'state' and 'stateDiff'");
      }
      JsonNode slots = o.hasNonNull("state") ? o.get("state") : o.get("stateDiff");
      if (o.hasNonNull("state")) {
        overlay.wipeStorage(a);
      }
      if (slots != null && !slots.isNull()) {
        if (!slots.isObject()) {
          throw new InvalidParamException("json: cannot unmarshal " + Target.kind(slots)
              + " into Go value of type map[common.Hash]common.Hash");
        }
        for (Iterator<Map.Entry<String, JsonNode>> s = slots.fields(); s.hasNext(); ) {
          Map.Entry<String, JsonNode> slot = s.next();
          overlay.putStorage(a, HexParams.hash(TextNode.valueOf(slot.getKey()), Target.HASH),
              HexParams.hash(slot.getValue(), Target.HASH));
        }
      }
    }
  }
}
