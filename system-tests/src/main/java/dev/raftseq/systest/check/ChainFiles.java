package dev.raftseq.systest.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.raftseq.chain.types.Address;
import dev.raftseq.systest.history.HistoryJson;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A run's chains on disk, so a run can be checked again later: {@code <dir>/<node>.jsonl} holds
 * each block as the node served it (eth_getBlockByNumber with full transactions), one per line;
 * {@code <dir>/<node>.accounts.json} the load accounts' nonces and balances at a head.
 */
public final class ChainFiles {
  private ChainFiles() {}

  public static BufferedWriter blockWriter(Path dir, String node) throws IOException {
    Files.createDirectories(dir);
    return Files.newBufferedWriter(dir.resolve(node + ".jsonl"), StandardCharsets.UTF_8);
  }

  public static void writeAccounts(Path dir, String node, long head, Map<Address, AccountState> accounts) {
    ObjectNode o = HistoryJson.JSON.createObjectNode();
    o.put("head", head);
    ObjectNode a = o.putObject("accounts");
    accounts.forEach((addr, s) -> a.putObject(addr.toHex()).put("nonce", s.nonce())
        .put("balance", "0x" + s.balance().toString(16)));
    try {
      Files.createDirectories(dir);
      HistoryJson.JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve(node + ".accounts.json").toFile(), o);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every node's chain in {@code dir}, by node name (sorted). */
  public static List<NodeChain> read(Path dir) {
    List<NodeChain> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".jsonl")).sorted().toList()) {
        String node = f.getFileName().toString().replace(".jsonl", "");
        out.add(readNode(dir, node));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static NodeChain readNode(Path dir, String node) throws IOException {
    List<ChainBlock> blocks = new ArrayList<>();
    try (Stream<String> lines = Files.lines(dir.resolve(node + ".jsonl"), StandardCharsets.UTF_8)) {
      Iterator<String> it = lines.iterator();
      while (it.hasNext()) {
        String line = it.next();
        if (!line.isBlank()) {
          blocks.add(BlockJsonParser.parse(HistoryJson.JSON.readTree(line)));
        }
      }
    }
    Path acc = dir.resolve(node + ".accounts.json");
    long head = -1;
    Map<Address, AccountState> accounts = new LinkedHashMap<>();
    if (Files.exists(acc)) {
      JsonNode o = HistoryJson.JSON.readTree(acc.toFile());
      head = o.path("head").asLong(-1);
      o.path("accounts").fields().forEachRemaining(e -> accounts.put(Address.fromHex(e.getKey()),
          new AccountState(e.getValue().path("nonce").asLong(),
              new BigInteger(e.getValue().path("balance").asText().substring(2), 16))));
    }
    return new NodeChain(node, blocks, head, accounts);
  }
}
