package dev.raftseq.chain.genesis;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.Hex;
import dev.raftseq.chain.types.Wei;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The genesis file. Amounts (balances, base fee) may be JSON numbers, decimal strings or 0x-hex
 * strings; addresses and extraData are 0x-hex. Unknown fields are errors, so typos do not pass
 * silently.
 *
 * <pre>{@code
 * { "chainId": 270, "timestamp": 1735689600, "gasLimit": 100000000,
 *   "baseFeePerGas": "1000000000", "coinbase": "0x00..00", "extraData": "0x",
 *   "alloc": { "0xf39F...2266": { "balance": "10000000000000000000000", "nonce": 0 } },
 *   "devAccounts": 1000, "devAccountBalance": "1000000000000000000000" }
 * }</pre>
 *
 * @param chainId required, positive (EIP-155)
 * @param timestamp genesis block time, seconds since the epoch; optional, default 0
 * @param gasLimit required; every block of the chain has this gas limit
 * @param coinbase optional, default the zero address
 * @param extraData optional, default empty
 * @param devAccounts how many further accounts of {@link DevKeys} to prefund, indices 10 to
 *     {@code 10 + devAccounts - 1} (for load tests; the first ten go in {@code alloc})
 * @param devAccountBalance the balance of each of them; required when {@code devAccounts > 0}
 */
public record GenesisSpec(
    long chainId,
    long timestamp,
    long gasLimit,
    Wei baseFeePerGas,
    Address coinbase,
    byte[] extraData,
    Map<Address, Alloc> alloc,
    int devAccounts,
    Wei devAccountBalance) {

  /** Largest extraData Ethereum allows in a header. */
  public static final int MAX_EXTRA_DATA = 32;
  /** Deriving a dev key takes about 0.3 ms, so this many take half a minute. */
  public static final int MAX_DEV_ACCOUNTS = 100_000;
  /** Block times are handled in milliseconds as longs. */
  public static final long MAX_TIMESTAMP = Long.MAX_VALUE / 1000;

  private static final ObjectMapper JSON = mapper();

  /** A prefunded account. @param nonce optional, default 0 */
  public record Alloc(Wei balance, long nonce) {
    public Alloc {
      if (balance == null) {
        throw new IllegalArgumentException("alloc entry needs a balance");
      }
      if (nonce < 0) {
        throw new IllegalArgumentException("alloc nonce must be >= 0, got " + nonce);
      }
    }

    public Alloc(Wei balance) {
      this(balance, 0L);
    }
  }

  public GenesisSpec {
    if (chainId <= 0) {
      throw new IllegalArgumentException("chainId must be positive, got " + chainId);
    }
    if (timestamp < 0 || timestamp > MAX_TIMESTAMP) {
      throw new IllegalArgumentException("timestamp must be in [0, " + MAX_TIMESTAMP + "] seconds, got " + timestamp);
    }
    if (gasLimit < 21_000) {
      throw new IllegalArgumentException("gasLimit must be at least 21000, got " + gasLimit);
    }
    if (baseFeePerGas == null) {
      throw new IllegalArgumentException("baseFeePerGas is required");
    }
    coinbase = coinbase == null ? Address.ZERO : coinbase;
    extraData = extraData == null ? new byte[0] : extraData.clone();
    if (extraData.length > MAX_EXTRA_DATA) {
      throw new IllegalArgumentException("extraData is longer than 32 bytes: " + extraData.length);
    }
    alloc = alloc == null ? Map.of() : Map.copyOf(alloc);
    for (Map.Entry<Address, Alloc> e : alloc.entrySet()) {
      if (e.getValue().balance().isZero() && e.getValue().nonce() == 0) {
        throw new IllegalArgumentException("alloc entry " + e.getKey() + " is empty (no balance, no nonce)");
      }
    }
    if (devAccounts < 0 || devAccounts > MAX_DEV_ACCOUNTS) {
      throw new IllegalArgumentException("devAccounts must be in [0, " + MAX_DEV_ACCOUNTS + "], got " + devAccounts);
    }
    if (devAccounts > 0 && (devAccountBalance == null || devAccountBalance.isZero())) {
      throw new IllegalArgumentException("devAccounts > 0 needs a positive devAccountBalance");
    }
    devAccountBalance = devAccountBalance == null ? Wei.ZERO : devAccountBalance;
  }

  @Override
  public byte[] extraData() {
    return extraData.clone();
  }

  public static GenesisSpec read(Path file) throws IOException {
    return parse(Files.readAllBytes(file));
  }

  /**
   * @throws IOException when the JSON is malformed or a field is missing or invalid; the message
   *     names the field
   */
  public static GenesisSpec parse(byte[] json) throws IOException {
    try {
      return JSON.readValue(json, GenesisSpec.class);
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new IOException("invalid genesis: " + e.getMessage(), e);
    }
  }

  /** The same spec with {@code devAccounts} more dev accounts (for load tests). */
  public GenesisSpec withDevAccounts(int count, Wei balance) {
    return new GenesisSpec(chainId, timestamp, gasLimit, baseFeePerGas, coinbase, extraData, alloc, count, balance);
  }

  /** Every prefunded account: {@code alloc} plus the derived dev accounts, in a stable order. */
  public Map<Address, Alloc> allAccounts() {
    Map<Address, Alloc> all = new LinkedHashMap<>(alloc);
    for (int i = 0; i < devAccounts; i++) {
      Address a = DevKeys.address(DevKeys.WELL_KNOWN + i);
      if (all.putIfAbsent(a, new Alloc(devAccountBalance)) != null) {
        throw new IllegalArgumentException("dev account " + (DevKeys.WELL_KNOWN + i) + " " + a + " is also in alloc");
      }
    }
    return all;
  }

  private static ObjectMapper mapper() {
    SimpleModule m = new SimpleModule("genesis");
    m.addDeserializer(Wei.class, new WeiDeserializer());
    m.addDeserializer(Address.class, new AddressDeserializer());
    m.addDeserializer(byte[].class, new HexBytesDeserializer());
    m.addKeyDeserializer(Address.class, new AddressKeyDeserializer());
    return JsonMapper.builder()
        .addModule(m)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .build();
  }

  private static final class WeiDeserializer extends JsonDeserializer<Wei> {
    @Override
    public Wei deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
      if (p.currentToken() != JsonToken.VALUE_NUMBER_INT && p.currentToken() != JsonToken.VALUE_STRING) {
        return (Wei) ctx.handleUnexpectedToken(Wei.class, p);
      }
      String s = p.getText().trim();
      try {
        boolean hex = s.startsWith("0x") || s.startsWith("0X");
        return Wei.of(hex ? new BigInteger(s.substring(2), 16) : new BigInteger(s));
      } catch (NumberFormatException | ArithmeticException e) {
        throw ctx.weirdStringException(s, Wei.class, "not a uint256 amount (decimal or 0x-hex)");
      }
    }
  }

  private static final class AddressDeserializer extends JsonDeserializer<Address> {
    @Override
    public Address deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
      String s = p.getValueAsString();
      try {
        return Address.fromHex(s);
      } catch (IllegalArgumentException | NullPointerException e) {
        throw ctx.weirdStringException(s, Address.class, "not a 20-byte 0x-hex address");
      }
    }
  }

  private static final class AddressKeyDeserializer extends KeyDeserializer {
    @Override
    public Object deserializeKey(String key, DeserializationContext ctx) throws IOException {
      try {
        return Address.fromHex(key);
      } catch (IllegalArgumentException e) {
        throw ctx.weirdKeyException(Address.class, key, "not a 20-byte 0x-hex address");
      }
    }
  }

  private static final class HexBytesDeserializer extends JsonDeserializer<byte[]> {
    @Override
    public byte[] deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
      String s = p.getValueAsString();
      try {
        return Hex.decode(s);
      } catch (IllegalArgumentException | NullPointerException e) {
        throw ctx.weirdStringException(s, byte[].class, "not 0x-hex bytes");
      }
    }
  }
}
