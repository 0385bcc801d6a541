package dev.raftseq.status.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The admin API over real HTTP with operations that record what they were asked. */
class AdminServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "s3cret-token";
  private static final String PEER = "0x" + "ab".repeat(64);

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final List<String> calls = new CopyOnWriteArrayList<>();
  private Vertx vertx;
  private AdminServer server;
  private int port;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    server = new AdminServer(vertx, "127.0.0.1", 0, new BearerToken(TOKEN), new RecordingOperations());
    port = server.start();
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void everyEndpointRunsItsOperationAndAnswersJson() throws Exception {
    HttpResponse<String> r = send("POST", "/admin/transfer-leadership", "{\"peer_id\":\"" + PEER + "\"}", TOKEN);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.get("ok").booleanValue()).isTrue();
    assertThat(body.get("leader").textValue()).isEqualTo(PEER);

    assertThat(send("POST", "/admin/pause", null, TOKEN).statusCode()).isEqualTo(200);
    assertThat(send("POST", "/admin/resume", "", TOKEN).statusCode()).isEqualTo(200);
    assertThat(send("POST", "/admin/members", "{\"enode\":\"enode://x@127.0.0.1:1\"}", TOKEN).statusCode())
        .isEqualTo(200);
    assertThat(send("DELETE", "/admin/members/" + PEER, null, TOKEN).statusCode()).isEqualTo(200);
    assertThat(send("POST", "/admin/snapshot", null, "bearer " + TOKEN, true).statusCode())
        .as("the scheme is case-insensitive").isEqualTo(200);
    assertThat(calls).containsExactly("transfer " + PEER, "pause", "resume", "add enode://x@127.0.0.1:1",
        "remove " + PEER, "snapshot");
  }

  @Test
  void withoutTheRightTokenNothingRunsAnd401IsTheAnswer() throws Exception {
    for (String auth : new String[] {null, "Bearer wrong", "Bearer " + TOKEN + "x", "Basic " + TOKEN, "Bearer ",
        TOKEN}) {
      HttpResponse<String> r = send("POST", "/admin/pause", null, auth, true);
      assertThat(r.statusCode()).as("Authorization: %s", auth).isEqualTo(401);
      assertThat(r.headers().firstValue("www-authenticate")).hasValue("Bearer");
      assertThat(JSON.readTree(r.body()).get("error").textValue()).isEqualTo("unauthorized");
    }
    assertThat(send("DELETE", "/admin/members/" + PEER, null, "Bearer nope").statusCode()).isEqualTo(401);
    assertThat(send("GET", "/admin/nothing-here", null, null, true).statusCode()).isEqualTo(401);
    assertThat(calls).isEmpty();
  }

  @Test
  void badRequestsAreRefusedBeforeTheOperationRuns() throws Exception {
    assertThat(send("POST", "/admin/transfer-leadership", null, TOKEN).statusCode()).isEqualTo(400);
    assertThat(send("POST", "/admin/transfer-leadership", "{not json", TOKEN).statusCode()).isEqualTo(400);
    HttpResponse<String> r = send("POST", "/admin/transfer-leadership", "{\"peer_id\":5}", TOKEN);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(r.body()).get("message").textValue()).contains("peer_id");
    assertThat(send("POST", "/admin/members", "{\"enode\":\"" + "x".repeat(20_000) + "\"}", TOKEN).statusCode())
        .isEqualTo(413);
    assertThat(send("GET", "/admin/nothing-here", null, TOKEN).statusCode()).isEqualTo(404);
    assertThat(send("GET", "/admin/pause", null, TOKEN).statusCode()).isEqualTo(405);
    assertThat(calls).isEmpty();
  }

  @Test
  void aRefusalKeepsItsStatusAndFields() throws Exception {
    HttpResponse<String> r = send("POST", "/admin/transfer-leadership", "{\"peer_id\":\"refuse\"}", TOKEN);
    assertThat(r.statusCode()).isEqualTo(409);
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.get("ok").booleanValue()).isFalse();
    assertThat(body.get("error").textValue()).isEqualTo("not_leader");
    assertThat(body.get("leader").textValue()).isEqualTo(PEER);
  }

  private HttpResponse<String> send(String method, String path, String body, String token) throws Exception {
    return send(method, path, body, token == null ? null : "Bearer " + token, true);
  }

  private HttpResponse<String> send(String method, String path, String body, String authorization, boolean raw)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(5))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private final class RecordingOperations implements AdminOperations {
    @Override
    public AdminReply transferLeadership(String peerId) {
      if (peerId.equals("refuse")) {
        return AdminReply.error(409, "not_leader", "this node is not the leader", "leader", PEER);
      }
      calls.add("transfer " + peerId);
      return AdminReply.ok("leader", peerId);
    }

    @Override
    public AdminReply pause() {
      calls.add("pause");
      return AdminReply.ok("paused", true);
    }

    @Override
    public AdminReply resume() {
      calls.add("resume");
      return AdminReply.ok("paused", false);
    }

    @Override
    public AdminReply addMember(String enode) {
      calls.add("add " + enode);
      return AdminReply.ok();
    }

    @Override
    public AdminReply removeMember(String peerId) {
      calls.add("remove " + peerId);
      return AdminReply.ok();
    }

    @Override
    public AdminReply snapshot() {
      calls.add("snapshot");
      return AdminReply.ok("index", 5);
    }
  }
}
