package dev.raftseq.rpc.params;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.Hash;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LogFilterTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String A = "0x" + "aa".repeat(20);
  private static final String T = "0x" + "01".repeat(32);

  @Test
  void readsAddressesAndTopicPositions() throws Exception {
    LogFilter f = LogFilter.read(JSON.readTree("{\"fromBlock\":\"0x1\",\"toBlock\":\"latest\",\"address\":\"" + A
        + "\",\"topics\":[null,\"" + T + "\",[\"" + T + "\",null]]}"));
    assertThat(f.fromBlock()).isEqualTo(BlockNumber.of(1));
    assertThat(f.toBlock()).isEqualTo(BlockNumber.LATEST);
    assertThat(f.addresses()).containsExactly(Address.fromHex(A));
    assertThat(f.topics()).containsExactly(Set.of(), Set.of(Hash.fromHex(T)), Set.of());
  }

  @Test
  void rejectsWhatGethRejects() {
    assertThatThrownBy(() -> LogFilter.read(JSON.readTree("{\"blockHash\":\"" + T + "\",\"fromBlock\":\"0x1\"}")))
        .hasMessage("cannot specify both BlockHash and FromBlock/ToBlock, choose one or the other");
    assertThatThrownBy(() -> LogFilter.read(JSON.readTree("{\"topics\":[null,null,null,null,null]}")))
        .hasMessage("exceed max topics");
    assertThatThrownBy(() -> LogFilter.read(JSON.readTree("{\"address\":\"0x1234\"}")))
        .hasMessage("invalid address: hex has invalid length 2 after decoding; expected 20 for address");
    assertThatThrownBy(() -> LogFilter.read(JSON.readTree("{\"address\":[\"" + A + "\",\"0xzz\"]}")))
        .hasMessage("invalid address at index 1: invalid hex string");
    assertThatThrownBy(() -> LogFilter.read(JSON.readTree("{\"topics\":[5]}"))).hasMessage("invalid topic(s)");
    assertThatThrownBy(() -> LogFilter.read(JSON.readTree("{\"topics\":[\"0x01\"]}")))
        .hasMessage("hex has invalid length 1 after decoding; expected 32 for topic");
  }
}
