package dev.raftseq.systest.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftseq.systest.history.HistoryJson;
import dev.raftseq.systest.history.OpType;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What each answer to eth_sendRawTransaction means for the history: ok, fail (definitely not) or info. */
class SubmitOutcomeTest {
  private static SubmitOutcome answer(String json) throws IOException {
    return SubmitOutcome.of(HistoryJson.JSON.readTree(json));
  }

  @Test
  void aHashIsAnAcknowledgement() throws IOException {
    assertThat(answer("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"0xab\"}").type()).isEqualTo(OpType.OK);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "-32000|nonce too low: next nonce 5, tx nonce 3|FAIL",
    "-32000|insufficient funds for gas * price + value: balance 0|FAIL",
    "-32000|txpool is full|FAIL",
    "-32000|transaction underpriced|FAIL",
    "-32602|invalid argument 0: hex string without 0x prefix|FAIL",
    "-32000|already known|INFO",
    "-32000|node is not accepting transactions: not committed within 15000 ms|INFO",
    "-32000|something new|INFO",
    "-32002|request timed out|INFO",
    "-32603|internal error|INFO",
  })
  void errorsAreDefiniteOnlyWhenTheNodeRefusedBeforeReplicating(int code, String message, OpType type)
      throws IOException {
    SubmitOutcome o = answer("{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":" + code + ",\"message\":\""
        + message + "\"}}");
    assertThat(o.type()).isEqualTo(type);
    assertThat(o.error()).contains(message);
  }

  @Test
  void aRefusedConnectionNeverDeliveredTheRequestButATimeoutMayHave() {
    assertThat(SubmitOutcome.of(new ConnectException("refused")).type()).isEqualTo(OpType.FAIL);
    assertThat(SubmitOutcome.of(new HttpConnectTimeoutException("connect")).type()).isEqualTo(OpType.FAIL);
    assertThat(SubmitOutcome.of(new HttpTimeoutException("request timed out")).type()).isEqualTo(OpType.INFO);
    assertThat(SubmitOutcome.of(new IOException("connection reset")).type()).isEqualTo(OpType.INFO);
  }
}
