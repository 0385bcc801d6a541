package dev.raftseq.rpc.params;

import com.fasterxml.jackson.databind.JsonNode;
import dev.raftseq.rpc.jsonrpc.InvalidParamException;
import dev.raftseq.rpc.jsonrpc.ParamReader;

/** A block by tag or by number, as in geth's rpc.BlockNumber. {@code number} is set only without tag. */
public record BlockNumber(BlockTag tag, long number) {
  public static final BlockNumber LATEST = new BlockNumber(BlockTag.LATEST, -1);

  public static final ParamReader<BlockNumber> READER = BlockNumber::read;

  public BlockNumber {
    if (tag == null && number < 0) {
      throw new IllegalArgumentException("block number must be non-negative");
    }
  }

  public static BlockNumber of(long number) {
    return new BlockNumber(null, number);
  }

  /**
   * geth's BlockNumber.UnmarshalJSON: a tag or a hex quantity up to int64; a JSON value that is
   * not a string is read as its raw text (so 5 is "hex string without 0x prefix").
   */
  public static BlockNumber read(JsonNode node) throws InvalidParamException {
    String input = node.isTextual() ? node.textValue() : node.toString();
    BlockTag tag = BlockTag.parse(input);
    if (tag != null) {
      return new BlockNumber(tag, -1);
    }
    long n = HexParams.decodeUint64(input);
    if (n < 0) {
      throw new InvalidParamException("block number larger than int64");
    }
    return of(n);
  }

  @Override
  public String toString() {
    return tag != null ? tag.text() : "0x" + Long.toHexString(number);
  }
}
