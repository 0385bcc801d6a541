package dev.raftseq.rpc.params;

import com.fasterxml.jackson.databind.JsonNode;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.Hex;
import dev.raftseq.rpc.jsonrpc.InvalidParamException;
import dev.raftseq.rpc.jsonrpc.ParamReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.LinkedHashSet;

/**
 * The filter object of eth_getLogs (geth's FilterCriteria): either {@code blockHash} or a
 * {@code fromBlock}/{@code toBlock} range (absent means latest), addresses (any of them; empty
 * means all) and topics by position (each position: any of the listed hashes; an empty set is a
 * wildcard). Limits as geth: 4 topic positions, 1000 addresses, 1000 alternatives per position.
 */
public record LogFilter(
    Hash blockHash, BlockNumber fromBlock, BlockNumber toBlock, Set<Address> addresses, List<Set<Hash>> topics) {

  public static final int MAX_TOPICS = 4;
  public static final int MAX_ADDRESSES = 1000;
  public static final int MAX_SUB_TOPICS = 1000;

  public static final ParamReader<LogFilter> READER = LogFilter::read;

  public LogFilter {
    addresses = Set.copyOf(addresses);
    topics = List.copyOf(topics);
  }

  public static LogFilter read(JsonNode node) throws InvalidParamException {
    if (!node.isObject()) {
      throw new InvalidParamException(
          "json: cannot unmarshal " + Target.kind(node) + " into Go value of type filters.FilterCriteria");
    }
    Hash blockHash = null;
    JsonNode h = node.get("blockHash");
    if (h != null && !h.isNull()) {
      blockHash = HexParams.hash(h, Target.HASH.field("input.blockHash"));
    }
    BlockNumber from = blockNumber(node.get("fromBlock"));
    BlockNumber to = blockNumber(node.get("toBlock"));
    if (blockHash != null && (from != null || to != null)) {
      throw new InvalidParamException(
          "cannot specify both BlockHash and FromBlock/ToBlock, choose one or the other");
    }
    return new LogFilter(blockHash, from, to, addresses(node.get("address")), topics(node.get("topics")));
  }

  private static BlockNumber blockNumber(JsonNode node) throws InvalidParamException {
    return node == null || node.isNull() ? null : BlockNumber.read(node);
  }

  private static Set<Address> addresses(JsonNode node) throws InvalidParamException {
    Set<Address> out = new LinkedHashSet<>();
    if (node == null || node.isNull()) {
      return out;
    }
    if (node.isTextual()) {
      try {
        out.add(new Address(decodeFixed(node.textValue(), 20, "address")));
      } catch (InvalidParamException e) {
        throw new InvalidParamException("invalid address: " + e.getMessage());
      }
      return out;
    }
    if (!node.isArray()) {
      throw new InvalidParamException("invalid addresses in query");
    }
    if (node.size() > MAX_ADDRESSES) {
      throw new InvalidParamException("exceed max addresses");
    }
    int i = 0;
    for (JsonNode a : node) {
      if (!a.isTextual()) {
        throw new InvalidParamException("non-string address at index " + i);
      }
      try {
        out.add(new Address(decodeFixed(a.textValue(), 20, "address")));
      } catch (InvalidParamException e) {
        throw new InvalidParamException("invalid address at index " + i + ": " + e.getMessage());
      }
      i++;
    }
    return out;
  }

  private static List<Set<Hash>> topics(JsonNode node) throws InvalidParamException {
    List<Set<Hash>> out = new ArrayList<>();
    if (node == null || node.isNull()) {
      return out;
    }
    if (!node.isArray()) {
      throw new InvalidParamException("json: cannot unmarshal " + Target.kind(node)
          + " into Go struct field input.topics of type []interface {}");
    }
    if (node.size() > MAX_TOPICS) {
      throw new InvalidParamException("exceed max topics");
    }
    for (JsonNode position : node) {
      Set<Hash> alternatives = new LinkedHashSet<>();
      if (position.isTextual()) {
        alternatives.add(topic(position.textValue()));
      } else if (position.isArray()) {
        if (position.size() > MAX_SUB_TOPICS) {
          throw new InvalidParamException("exceed max addresses or topics per search position");
        }
        for (JsonNode t : position) {
          if (t.isNull()) {
            // a null alternative matches anything, so the whole position is a wildcard
            alternatives.clear();
            break;
          }
          if (!t.isTextual()) {
            throw new InvalidParamException("invalid topic(s)");
          }
          alternatives.add(topic(t.textValue()));
        }
      } else if (!position.isNull()) {
        throw new InvalidParamException("invalid topic(s)");
      }
      out.add(alternatives);
    }
    return out;
  }

  private static Hash topic(String s) throws InvalidParamException {
    return new Hash(decodeFixed(s, 32, "topic"));
  }

  /** geth's decodeAddress/decodeTopic: hexutil.Decode, then a length check. */
  private static byte[] decodeFixed(String s, int length, String what) throws InvalidParamException {
    if (s.isEmpty()) {
      throw new InvalidParamException("empty hex string");
    }
    if (!HexParams.has0x(s)) {
      throw new InvalidParamException(HexParams.MISSING_PREFIX);
    }
    String digits = s.substring(2);
    if ((digits.length() & 1) != 0) {
      throw new InvalidParamException(HexParams.ODD_LENGTH);
    }
    for (int i = 0; i < digits.length(); i++) {
      if (!HexParams.isNibble(digits.charAt(i))) {
        throw new InvalidParamException(HexParams.SYNTAX);
      }
    }
    if (digits.length() != length * 2) {
      throw new InvalidParamException("hex has invalid length " + digits.length() / 2
          + " after decoding; expected " + length + " for " + what);
    }
    return Hex.decode(digits);
  }
}
