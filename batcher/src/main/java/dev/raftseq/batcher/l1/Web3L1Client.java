package dev.raftseq.batcher.l1;

import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.Hex;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import okhttp3.OkHttpClient;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.EthGetTransactionReceipt;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;

/** {@link L1Client} over web3j's HTTP JSON-RPC client. */
public final class Web3L1Client implements L1Client {
  private final URI url;
  private final Web3j web3;
  private final OkHttpClient http;
  private volatile Long chainId;

  public Web3L1Client(URI url, Duration requestTimeout) {
    this.url = url;
    this.http = new OkHttpClient.Builder()
        .connectTimeout(requestTimeout)
        .readTimeout(requestTimeout)
        .writeTimeout(requestTimeout)
        .callTimeout(requestTimeout)
        .retryOnConnectionFailure(false)
        .build();
    this.web3 = Web3j.build(new HttpService(url.toString(), http));
  }

  @Override
  public long chainId() {
    Long id = chainId;
    if (id == null) {
      id = check(send(() -> web3.ethChainId().send()), "eth_chainId").getChainId().longValueExact();
      chainId = id;
    }
    return id;
  }

  @Override
  public long blockNumber() {
    return check(send(() -> web3.ethBlockNumber().send()), "eth_blockNumber").getBlockNumber().longValueExact();
  }

  @Override
  public long nonce(Address account, boolean pending) {
    var tag = pending ? DefaultBlockParameterName.PENDING : DefaultBlockParameterName.LATEST;
    return check(send(() -> web3.ethGetTransactionCount(account.toHex(), tag).send()), "eth_getTransactionCount")
        .getTransactionCount().longValueExact();
  }

  @Override
  public BigInteger baseFee() {
    EthBlock b = check(send(() -> web3.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send()),
        "eth_getBlockByNumber");
    if (b.getBlock() == null || b.getBlock().getBaseFeePerGas() == null) {
      throw new L1Exception("the L1's latest block has no base fee (is it pre-London?)");
    }
    return b.getBlock().getBaseFeePerGas();
  }

  @Override
  public BigInteger maxPriorityFeePerGas() {
    return check(send(() -> web3.ethMaxPriorityFeePerGas().send()), "eth_maxPriorityFeePerGas").getMaxPriorityFeePerGas();
  }

  @Override
  public Outcome send(byte[] signedTransaction) {
    EthSendTransaction r = send(() -> web3.ethSendRawTransaction(Hex.encode(signedTransaction)).send());
    if (!r.hasError()) {
      return new Outcome(SendResult.ACCEPTED, "");
    }
    String msg = r.getError().getMessage() == null ? "" : r.getError().getMessage();
    String m = msg.toLowerCase(Locale.ROOT);
    SendResult result;
    if (m.contains("already known") || m.contains("already imported") || m.contains("known transaction")) {
      result = SendResult.ALREADY_KNOWN;
    } else if (m.contains("nonce too low") || m.contains("nonce has already been used")) {
      result = SendResult.NONCE_TOO_LOW;
    } else if (m.contains("underpriced") || m.contains("fee too low") || m.contains("max fee per gas less than")) {
      result = SendResult.UNDERPRICED;
    } else {
      result = SendResult.REJECTED;
    }
    return new Outcome(result, msg);
  }

  @Override
  public Optional<L1Receipt> receipt(Hash transactionHash) {
    EthGetTransactionReceipt r =
        check(send(() -> web3.ethGetTransactionReceipt(transactionHash.toHex()).send()), "eth_getTransactionReceipt");
    Optional<TransactionReceipt> tr = r.getTransactionReceipt();
    if (tr.isEmpty() || tr.get().getBlockNumberRaw() == null) {
      return Optional.empty();
    }
    TransactionReceipt t = tr.get();
    return Optional.of(new L1Receipt(transactionHash, t.getBlockNumber().longValueExact(), t.isStatusOK(),
        t.getGasUsed().longValueExact()));
  }

  @Override
  public byte[] call(Address from, Address to, byte[] data) {
    EthCall r = send(() -> web3.ethCall(
        Transaction.createEthCallTransaction(from.toHex(), to.toHex(), Hex.encode(data)),
        DefaultBlockParameterName.LATEST).send());
    if (r.hasError()) {
      byte[] revert = revertData(r.getError().getData());
      if (revert.length > 0 || r.getError().getMessage().toLowerCase(Locale.ROOT).contains("revert")) {
        throw new L1CallRevertedException("eth_call to " + to + " reverted: " + r.getError().getMessage(), revert);
      }
      throw new L1Exception("eth_call to " + to + " failed: " + r.getError().getMessage());
    }
    String v = r.getValue();
    return v == null ? new byte[0] : Hex.decode(v);
  }

  /** web3j keeps the error's data as JSON text: a quoted hex string for a revert. */
  private static byte[] revertData(String data) {
    if (data == null) {
      return new byte[0];
    }
    String d = data.trim();
    if (d.length() >= 2 && d.startsWith("\"") && d.endsWith("\"")) {
      d = d.substring(1, d.length() - 1);
    }
    if (!d.startsWith("0x") || d.length() % 2 != 0) {
      return new byte[0];
    }
    try {
      return Hex.decode(d);
    } catch (IllegalArgumentException e) {
      return new byte[0];
    }
  }

  @Override
  public void close() {
    web3.shutdown();
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }

  @Override
  public String toString() {
    return "L1 " + url;
  }

  private interface Rpc<T> {
    T call() throws IOException;
  }

  private <T extends Response<?>> T send(Rpc<T> rpc) {
    try {
      return rpc.call();
    } catch (IOException e) {
      throw new L1Exception("L1 " + url + " unreachable: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new L1Exception("L1 " + url + " request failed: " + e, e);
    }
  }

  private static <T extends Response<?>> T check(T r, String method) {
    if (r.hasError()) {
      throw new L1Exception(method + " failed: " + r.getError().getMessage());
    }
    return r;
  }
}
