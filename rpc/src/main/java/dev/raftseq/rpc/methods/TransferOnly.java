package dev.raftseq.rpc.methods;

import dev.raftseq.chain.pool.TxRejection;
import dev.raftseq.chain.state.StateView;
import dev.raftseq.chain.types.Account;
import dev.raftseq.chain.types.Address;
import dev.raftseq.rpc.jsonrpc.RpcError;
import dev.raftseq.rpc.jsonrpc.RpcException;
import dev.raftseq.rpc.params.CallArgs;
import java.math.BigInteger;

/**
 * The checks eth_call and eth_estimateGas share while the chain executes plain transfers only:
 * a creation, a call to an account with code, or a call to a precompile is answered with the
 * "not supported yet" error, since answering it without an EVM would be wrong.
 */
final class TransferOnly {
  /** Cancun's precompiles are 0x01..0x0a; later forks add up to 0x11. */
  private static final int LAST_PRECOMPILE = 0x11;

  private TransferOnly() {}

  static Address recipient(CallArgs args, StateView state) throws RpcException {
    Address to = args.to();
    if (to == null || isPrecompile(to) || EthGetCode.code(state, to).length > 0) {
      throw unsupported();
    }
    return to;
  }

  static BigInteger value(CallArgs args) {
    return args.value() == null ? BigInteger.ZERO : args.value();
  }

  static BigInteger balance(StateView state, Address address) {
    Account account = state.account(address);
    return account == null ? BigInteger.ZERO : account.balance().value();
  }

  static Address sender(CallArgs args) {
    return args.from() == null ? Address.ZERO : args.from();
  }

  static RpcException unsupported() {
    return RpcError.server(TxRejection.UNSUPPORTED.message()).toException();
  }

  private static boolean isPrecompile(Address a) {
    byte[] b = a.unsafeBytes();
    for (int i = 0; i < 19; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    int last = b[19] & 0xff;
    return last >= 1 && last <= LAST_PRECOMPILE;
  }
}
