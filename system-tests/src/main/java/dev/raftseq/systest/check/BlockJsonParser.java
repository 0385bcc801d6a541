package dev.raftseq.systest.check;

import com.fasterxml.jackson.databind.JsonNode;
import dev.raftseq.chain.codec.BlockCodec;
import dev.raftseq.chain.codec.DecodeException;
import dev.raftseq.chain.codec.SealFields;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.Header;
import dev.raftseq.chain.types.Hex;
import dev.raftseq.chain.types.Wei;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns a block in geth's JSON shape (eth_getBlockByNumber with full transactions) into a
 * {@link ChainBlock}: the header is rebuilt field by field and hashed, so a node cannot report a
 * hash its header does not have, and the seal's term and signer are read from extraData.
 */
public final class BlockJsonParser {
  private BlockJsonParser() {}

  public static ChainBlock parse(JsonNode b) {
    Header h = new Header(
        hash(b, "parentHash"),
        hash(b, "sha3Uncles"),
        Address.fromHex(text(b, "miner")),
        hash(b, "stateRoot"),
        hash(b, "transactionsRoot"),
        hash(b, "receiptsRoot"),
        Hex.decode(text(b, "logsBloom")),
        quantity(b, "difficulty"),
        quantity(b, "number"),
        quantity(b, "gasLimit"),
        quantity(b, "gasUsed"),
        quantity(b, "timestamp"),
        Hex.decode(text(b, "extraData")),
        hash(b, "mixHash"),
        new BigInteger(1, Hex.decode(text(b, "nonce"))).longValue(),
        Wei.of(new BigInteger(strip(text(b, "baseFeePerGas")), 16)),
        hash(b, "withdrawalsRoot"),
        quantity(b, "blobGasUsed"),
        quantity(b, "excessBlobGas"),
        hash(b, "parentBeaconBlockRoot"));
    List<TxRef> txs = new ArrayList<>();
    for (JsonNode tx : b.path("transactions")) {
      if (!tx.isObject()) {
        throw new IllegalArgumentException("block " + h.number() + ": transactions must be full objects");
      }
      txs.add(new TxRef(hash(tx, "hash"), Address.fromHex(text(tx, "from")), quantity(tx, "nonce")));
    }
    Optional<Address> signer = Optional.empty();
    Optional<String> sealError = Optional.empty();
    long term = 0;
    long millis = h.timestamp() * 1000;
    if (h.number() > 0) {
      try {
        signer = Optional.of(SealFields.signer(h));
        term = SealFields.term(h);
        millis = SealFields.timestampMillis(h);
      } catch (DecodeException | IllegalArgumentException e) {
        sealError = Optional.of(e.getMessage());
      }
    }
    return new ChainBlock(h.number(), hash(b, "hash"), BlockCodec.hash(h), h.parentHash(), h.stateRoot(),
        h.timestamp(), millis, term, signer, sealError, txs);
  }

  private static String text(JsonNode o, String field) {
    JsonNode n = o.get(field);
    if (n == null || !n.isTextual()) {
      throw new IllegalArgumentException("block field " + field + " missing or not a string");
    }
    return n.asText();
  }

  private static Hash hash(JsonNode o, String field) {
    return Hash.fromHex(text(o, field));
  }

  private static long quantity(JsonNode o, String field) {
    return Long.parseLong(strip(text(o, field)), 16);
  }

  private static String strip(String q) {
    return q.startsWith("0x") ? q.substring(2) : q;
  }
}
