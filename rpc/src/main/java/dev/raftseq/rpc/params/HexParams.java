package dev.raftseq.rpc.params;

import com.fasterxml.jackson.databind.JsonNode;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.rpc.jsonrpc.InvalidParamException;
import dev.raftseq.rpc.jsonrpc.ParamReader;
import java.math.BigInteger;

/**
 * Strict decoding of Ethereum's hex JSON values, with geth's rules and texts: quantities are
 * "0x"-prefixed without leading zeros ("0x0" yes, "0x01" no), at most 64 bits (hexutil.Uint64)
 * or 256 bits (hexutil.Big); byte strings are "0x"-prefixed with an even number of digits;
 * addresses and hashes have exactly 20 and 32 bytes.
 */
public final class HexParams {
  public static final ParamReader<Long> UINT64 = node -> uint64(node, Target.UINT64);
  public static final ParamReader<Long> UINT = node -> uint64(node, Target.UINT);
  public static final ParamReader<BigInteger> BIG = node -> big(node, Target.BIG);
  public static final ParamReader<byte[]> BYTES = node -> bytes(node, Target.BYTES);
  public static final ParamReader<Address> ADDRESS = node -> address(node, Target.ADDRESS);
  public static final ParamReader<Hash> HASH = node -> hash(node, Target.HASH);
  public static final ParamReader<Boolean> BOOL = node -> bool(node, Target.BOOL);

  static final String MISSING_PREFIX = "hex string without 0x prefix";
  static final String EMPTY_NUMBER = "hex string \"0x\"";
  static final String LEADING_ZERO = "hex number with leading zero digits";
  static final String SYNTAX = "invalid hex string";
  static final String ODD_LENGTH = "hex string of odd length";
  static final String UINT64_RANGE = "hex number > 64 bits";
  static final String BIG_RANGE = "hex number > 256 bits";

  private HexParams() {}

  /** An unsigned 64-bit quantity; values above {@link Long#MAX_VALUE} come back negative. */
  public static long uint64(JsonNode node, Target target) throws InvalidParamException {
    String digits = numberDigits(text(node, target), target);
    if (digits.length() > 16) {
      throw target.cannotUnmarshal(UINT64_RANGE);
    }
    checkNibbles(digits, target);
    return Long.parseUnsignedLong(digits, 16);
  }

  public static BigInteger big(JsonNode node, Target target) throws InvalidParamException {
    String digits = numberDigits(text(node, target), target);
    if (digits.length() > 64) {
      throw target.cannotUnmarshal(BIG_RANGE);
    }
    checkNibbles(digits, target);
    return new BigInteger(digits, 16);
  }

  /** Bytes; the empty string decodes as no bytes, as in geth. */
  public static byte[] bytes(JsonNode node, Target target) throws InvalidParamException {
    String s = text(node, target);
    if (s.isEmpty()) {
      return new byte[0];
    }
    if (!has0x(s)) {
      throw target.cannotUnmarshal(MISSING_PREFIX);
    }
    String digits = s.substring(2);
    if ((digits.length() & 1) != 0) {
      throw target.cannotUnmarshal(ODD_LENGTH);
    }
    return decodeDigits(digits, target);
  }

  public static Address address(JsonNode node, Target target) throws InvalidParamException {
    return new Address(fixed(node, target, 20));
  }

  public static Hash hash(JsonNode node, Target target) throws InvalidParamException {
    return new Hash(fixed(node, target, 32));
  }

  public static boolean bool(JsonNode node, Target target) throws InvalidParamException {
    if (!node.isBoolean()) {
      throw target.cannotUnmarshal(Target.kind(node));
    }
    return node.booleanValue();
  }

  /** geth's UnmarshalFixedJSON: the length error names the type and is not wrapped. */
  static byte[] fixed(JsonNode node, Target target, int length) throws InvalidParamException {
    String s = text(node, target);
    String digits = s;
    if (has0x(s)) {
      digits = s.substring(2);
    } else if (!s.isEmpty()) {
      throw target.cannotUnmarshal(MISSING_PREFIX);
    }
    if ((digits.length() & 1) != 0) {
      throw target.cannotUnmarshal(ODD_LENGTH);
    }
    if (digits.length() != length * 2) {
      throw new InvalidParamException(
          "hex string has length " + digits.length() + ", want " + length * 2 + " for " + target.goType());
    }
    return decodeDigits(digits, target);
  }

  /**
   * geth's hexutil.DecodeUint64 for text that is not JSON-wrapped (block numbers): errors are
   * the bare hexutil texts.
   */
  static long decodeUint64(String s) throws InvalidParamException {
    if (s.isEmpty()) {
      throw new InvalidParamException("empty hex string");
    }
    if (!has0x(s)) {
      throw new InvalidParamException(MISSING_PREFIX);
    }
    String digits = s.substring(2);
    if (digits.isEmpty()) {
      throw new InvalidParamException(EMPTY_NUMBER);
    }
    if (digits.length() > 1 && digits.charAt(0) == '0') {
      throw new InvalidParamException(LEADING_ZERO);
    }
    for (int i = 0; i < digits.length(); i++) {
      if (!isNibble(digits.charAt(i))) {
        throw new InvalidParamException(SYNTAX);
      }
    }
    if (digits.length() > 16) {
      throw new InvalidParamException(UINT64_RANGE);
    }
    return Long.parseUnsignedLong(digits, 16);
  }

  /** geth's Hash.UnmarshalText (bare texts) for 66-character block hashes. */
  static Hash decodeHashText(String s) throws InvalidParamException {
    if (!has0x(s)) {
      throw new InvalidParamException(MISSING_PREFIX);
    }
    String digits = s.substring(2);
    if (digits.length() != 64) {
      throw new InvalidParamException("hex string has length " + digits.length() + ", want 64 for common.Hash");
    }
    byte[] bytes = decodeOrNull(digits);
    if (bytes == null) {
      throw new InvalidParamException(SYNTAX);
    }
    return new Hash(bytes);
  }

  private static String text(JsonNode node, Target target) throws InvalidParamException {
    if (!node.isTextual()) {
      throw target.cannotUnmarshal("non-string");
    }
    return node.textValue();
  }

  private static String numberDigits(String s, Target target) throws InvalidParamException {
    if (s.isEmpty()) {
      // geth reads "" as zero; a quantity must have digits here
      throw target.cannotUnmarshal("empty hex string");
    }
    if (!has0x(s)) {
      throw target.cannotUnmarshal(MISSING_PREFIX);
    }
    String digits = s.substring(2);
    if (digits.isEmpty()) {
      throw target.cannotUnmarshal(EMPTY_NUMBER);
    }
    if (digits.length() > 1 && digits.charAt(0) == '0') {
      throw target.cannotUnmarshal(LEADING_ZERO);
    }
    return digits;
  }

  private static void checkNibbles(String digits, Target target) throws InvalidParamException {
    for (int i = 0; i < digits.length(); i++) {
      if (!isNibble(digits.charAt(i))) {
        throw target.cannotUnmarshal(SYNTAX);
      }
    }
  }

  static boolean isNibble(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  static boolean has0x(String s) {
    return s.length() >= 2 && s.charAt(0) == '0' && (s.charAt(1) == 'x' || s.charAt(1) == 'X');
  }

  private static byte[] decodeDigits(String digits, Target target) throws InvalidParamException {
    byte[] out = decodeOrNull(digits);
    if (out == null) {
      throw target.cannotUnmarshal(SYNTAX);
    }
    return out;
  }

  private static final byte[] NIBBLE = new byte[256];

  static {
    java.util.Arrays.fill(NIBBLE, (byte) -1);
    for (int c = '0'; c <= '9'; c++) {
      NIBBLE[c] = (byte) (c - '0');
    }
    for (int c = 'a'; c <= 'f'; c++) {
      NIBBLE[c] = (byte) (c - 'a' + 10);
      NIBBLE[c - 'a' + 'A'] = (byte) (c - 'a' + 10);
    }
  }

  /**
   * An even number of hex digits as bytes, or null if one is not a hex digit. One pass over the
   * text's bytes: raw transactions are most of what JSON-RPC decodes, and a per-character
   * {@code charAt} + {@code Character.digit} loop showed in the leader's profile.
   */
  private static byte[] decodeOrNull(String digits) {
    // ISO-8859-1 maps any character above 0xff to '?', which is not a hex digit either
    byte[] text = digits.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    byte[] out = new byte[text.length / 2];
    for (int i = 0; i < out.length; i++) {
      int hi = NIBBLE[text[2 * i] & 0xff];
      int lo = NIBBLE[text[2 * i + 1] & 0xff];
      if ((hi | lo) < 0) {
        return null;
      }
      out[i] = (byte) ((hi << 4) | lo);
    }
    return out;
  }
}
