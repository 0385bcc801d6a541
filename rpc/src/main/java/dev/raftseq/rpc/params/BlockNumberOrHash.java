package dev.raftseq.rpc.params;

import com.fasterxml.jackson.databind.JsonNode;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.rpc.jsonrpc.InvalidParamException;
import dev.raftseq.rpc.jsonrpc.ParamReader;

/**
 * geth's rpc.BlockNumberOrHash: a tag, a hex number, a 32-byte hash string, or EIP-1898's
 * {@code {"blockNumber": ...}} / {@code {"blockHash": ..., "requireCanonical": ...}}. At most one
 * of number and hash is set; both null is possible from the object form (the method answers
 * "neither block nor hash specified").
 */
public record BlockNumberOrHash(BlockNumber number, Hash hash, boolean requireCanonical) {
  public static final ParamReader<BlockNumberOrHash> READER = BlockNumberOrHash::read;

  public static BlockNumberOrHash of(BlockNumber number) {
    return new BlockNumberOrHash(number, null, false);
  }

  public static BlockNumberOrHash read(JsonNode node) throws InvalidParamException {
    if (node.isObject()) {
      return readObject(node);
    }
    if (!node.isTextual()) {
      throw new InvalidParamException(
          "json: cannot unmarshal " + Target.kind(node) + " into Go value of type string");
    }
    String input = node.textValue();
    BlockTag tag = BlockTag.parse(input);
    if (tag != null) {
      return of(new BlockNumber(tag, -1));
    }
    if (input.length() == 66) {
      return new BlockNumberOrHash(null, HexParams.decodeHashText(input), false);
    }
    long n = HexParams.decodeUint64(input);
    if (n < 0) {
      throw new InvalidParamException("blocknumber too high");
    }
    return of(BlockNumber.of(n));
  }

  private static BlockNumberOrHash readObject(JsonNode node) throws InvalidParamException {
    BlockNumber number = null;
    Hash hash = null;
    boolean canonical = false;
    try {
      JsonNode n = node.get("blockNumber");
      if (n != null && !n.isNull()) {
        number = BlockNumber.read(n);
      }
      JsonNode h = node.get("blockHash");
      if (h != null && !h.isNull()) {
        hash = HexParams.hash(h, Target.HASH);
      }
      JsonNode c = node.get("requireCanonical");
      if (c != null && !c.isNull()) {
        canonical = HexParams.bool(c, Target.BOOL);
      }
    } catch (InvalidParamException e) {
      // geth then retries the object as a string and reports that failure
      throw new InvalidParamException("json: cannot unmarshal object into Go value of type string");
    }
    if (number != null && hash != null) {
      throw new InvalidParamException("cannot specify both BlockHash and BlockNumber, choose one or the other");
    }
    return new BlockNumberOrHash(number, hash, canonical);
  }
}
