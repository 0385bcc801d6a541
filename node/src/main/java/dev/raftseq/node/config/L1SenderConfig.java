package dev.raftseq.node.config;

import dev.raftseq.chain.crypto.Secp256k1;
import dev.raftseq.chain.types.Address;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code l1_sender.*}: how the batcher node sends its L1 transactions (zksync-os-server's names where
 * it has them). {@code toString} never shows the key.
 *
 * @param contractAddress the BatchSettlement contract on L1
 * @param operatorPrivateKey from {@code operator_commit_pk} (zksync-os-server's name; one key signs
 *     commit, prove and execute) or from the file {@code operator_key_file}
 * @param confirmations blocks on top of (and including) a mined transaction before it is settled
 * @param maxFeePerGasGwei cap on maxFeePerGas
 * @param maxPriorityFeePerGasGwei cap on the tip
 * @param stuckTimeout a transaction pending this long is re-priced at the same nonce
 * @param feeBumpPercent how much a re-price raises the fees (10 at least)
 * @param maxInFlight at most this many unsettled transactions at once
 */
public record L1SenderConfig(
    Optional<Address> contractAddress,
    Optional<String> operatorPrivateKey,
    int confirmations,
    long maxFeePerGasGwei,
    long maxPriorityFeePerGasGwei,
    Duration stuckTimeout,
    int feeBumpPercent,
    int maxInFlight) {
  private static final Pattern ADDRESS = Pattern.compile("0[xX][0-9a-fA-F]{40}");
  private static final Pattern SECRET = Pattern.compile("(0[xX])?[0-9a-fA-F]{64}");

  public L1SenderConfig {
    Objects.requireNonNull(contractAddress, "contractAddress");
    Objects.requireNonNull(operatorPrivateKey, "operatorPrivateKey");
    Objects.requireNonNull(stuckTimeout, "stuckTimeout");
  }

  /** The operator's address, derived from the key. */
  public Optional<Address> operatorAddress() {
    return operatorPrivateKey.map(k -> Secp256k1.addressOf(Secp256k1.publicKey(
        dev.raftseq.chain.types.Hex.decode(k))));
  }

  public BigInteger maxFeePerGasWei() {
    return BigInteger.valueOf(maxFeePerGasGwei).multiply(BigInteger.valueOf(1_000_000_000L));
  }

  public BigInteger maxPriorityFeePerGasWei() {
    return BigInteger.valueOf(maxPriorityFeePerGasGwei).multiply(BigInteger.valueOf(1_000_000_000L));
  }

  @Override
  public String toString() {
    return "L1SenderConfig[contractAddress=" + contractAddress.map(Address::toHex).orElse("-") + ", operator="
        + operatorAddress().map(Address::toHex).orElse("-") + ", confirmations=" + confirmations + ", maxFeePerGasGwei="
        + maxFeePerGasGwei + ", maxPriorityFeePerGasGwei=" + maxPriorityFeePerGasGwei + ", stuckTimeout=" + stuckTimeout
        + ", feeBumpPercent=" + feeBumpPercent + ", maxInFlight=" + maxInFlight + "]";
  }

  static L1SenderConfig read(SettingReader r) {
    Optional<Address> contract = r.optionalString("l1_sender.contract_address").map(text -> {
      if (!ADDRESS.matcher(text).matches()) {
        throw r.invalid("l1_sender.contract_address", "expected 0x and 40 hex digits, got "
            + SettingReader.quote("l1_sender.contract_address", text));
      }
      return Address.fromHex(text);
    });
    Optional<String> inline = r.optionalString("l1_sender.operator_commit_pk")
        .map(k -> key(r, "l1_sender.operator_commit_pk", k));
    Optional<String> fromFile = r.optionalString("l1_sender.operator_key_file").map(f -> {
      String text;
      try {
        text = Files.readString(Path.of(f)).trim();
      } catch (IOException | RuntimeException e) {
        throw r.invalid("l1_sender.operator_key_file", "cannot read " + f + ": " + e.getMessage());
      }
      return key(r, "l1_sender.operator_key_file", text);
    });
    if (inline.isPresent() && fromFile.isPresent()) {
      throw r.invalid("l1_sender.operator_key_file", "set either l1_sender.operator_commit_pk or"
          + " l1_sender.operator_key_file, not both");
    }
    long maxFee = r.integer("l1_sender.max_fee_per_gas_gwei", 1, 1_000_000_000L);
    long maxTip = r.integer("l1_sender.max_priority_fee_per_gas_gwei", 0, 1_000_000_000L);
    if (maxTip > maxFee) {
      throw r.invalid("l1_sender.max_priority_fee_per_gas_gwei", "must not exceed"
          + " l1_sender.max_fee_per_gas_gwei (" + maxFee + ")");
    }
    return new L1SenderConfig(
        contract,
        inline.or(() -> fromFile),
        r.intValue("l1_sender.confirmations", 1, 1000),
        maxFee,
        maxTip,
        r.duration("l1_sender.stuck_timeout", Duration.ofSeconds(1)),
        r.intValue("l1_sender.fee_bump_percent", 10, 1000),
        r.intValue("l1_sender.max_in_flight", 1, 1000));
  }

  /** Checks the key's form and range here, so messages never show it. */
  private static String key(SettingReader r, String path, String hex) {
    if (!SECRET.matcher(hex).matches()) {
      throw r.invalid(path, "expected 64 hex characters (optionally 0x-prefixed), got "
          + SettingReader.quote(path, hex));
    }
    String digits = hex.length() == 66 ? hex.substring(2) : hex;
    BigInteger k = new BigInteger(digits, 16);
    if (k.signum() == 0 || k.compareTo(Secp256k1.N) >= 0) {
      throw r.invalid(path, "not a valid secp256k1 private key");
    }
    return "0x" + digits.toLowerCase(java.util.Locale.ROOT);
  }
}
