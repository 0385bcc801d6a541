package dev.raftseq.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.raftseq.chain.types.Hash;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StatusServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ID_1 = "0x246e07030b4c48b8f28ab1fdf797a02308b0ca724696b695aabee48ea48298ff"
      + "221144a0c0f14ebf030aea6d5fb6b31bd3a02676204bb13e78336bb824e32f1d";
  private static final String ID_2 = "0xd2db8005d59694a5b79b7c58d4d375c60c9323837e852bbbfd05819621c48a42"
      + "18cefa37baf39a164e2a6f6c1b34c379c4a72c7480b5fbcc379d1befb881e8fc";
  private static final Hash HEAD_HASH =
      Hash.fromHex("0x00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");
  private static final HeadStatus HEAD = new HeadStatus(42, HEAD_HASH, 1_767_225_600L);

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private Vertx vertx;
  private FakeSource source;
  private StatusServer server;
  private int port;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    source = new FakeSource();
    server = new StatusServer(vertx, new StatusServerOptions("127.0.0.1", 0), source);
    port = server.start();
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void consensusStatusHasExactlyTheDocumentedFieldsAndTypes() throws Exception {
    source.status.set(new NodeStatus(Optional.of(new RaftStatus(ID_1, RaftState.LEADER, true,
        Optional.of(ID_1), 3, 41, 42, 17,
        List.of(new PeerStatus(ID_1, "127.0.0.1:3160"), new PeerStatus(ID_2, "127.0.0.1:3161")))),
        Role.LEADER, HEAD, new BatcherStatus(true)));

    HttpResponse<String> r = get("/status");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
    JsonNode root = JSON.readTree(r.body());
    assertThat(fields(root)).containsExactly("healthy", "consensus", "role", "head", "batcher");
    assertThat(root.get("healthy").isBoolean()).isTrue();
    assertThat(root.get("healthy").booleanValue()).isTrue();
    assertThat(fields(root.get("consensus"))).containsExactly("raft");

    JsonNode raft = root.get("consensus").get("raft");
    assertThat(fields(raft)).containsExactly("node_id", "state", "is_leader", "current_leader",
        "current_term", "last_applied_index", "commit_index", "log_start_index", "peers");
    assertThat(raft.get("node_id").textValue()).isEqualTo(ID_1);
    assertThat(raft.get("state").textValue()).isEqualTo("Leader");
    assertThat(raft.get("is_leader").isBoolean()).isTrue();
    assertThat(raft.get("is_leader").booleanValue()).isTrue();
    assertThat(raft.get("current_leader").textValue()).isEqualTo(ID_1);
    assertThat(raft.get("current_term").isIntegralNumber()).isTrue();
    assertThat(raft.get("current_term").longValue()).isEqualTo(3);
    assertThat(raft.get("last_applied_index").isIntegralNumber()).isTrue();
    assertThat(raft.get("last_applied_index").longValue()).isEqualTo(41);
    assertThat(raft.get("commit_index").isIntegralNumber()).isTrue();
    assertThat(raft.get("commit_index").longValue()).isEqualTo(42);
    assertThat(raft.get("log_start_index").longValue()).isEqualTo(17);
    assertThat(raft.get("peers").isArray()).isTrue();
    assertThat(raft.get("peers")).hasSize(2);
    assertThat(fields(raft.get("peers").get(0))).containsExactly("node_id", "address");
    assertThat(raft.get("peers").get(0).get("node_id").textValue()).isEqualTo(ID_1);
    assertThat(raft.get("peers").get(0).get("address").textValue()).isEqualTo("127.0.0.1:3160");
    assertThat(raft.get("peers").get(1).get("node_id").textValue()).isEqualTo(ID_2);
    assertThat(raft.get("peers").get(1).get("address").textValue()).isEqualTo("127.0.0.1:3161");

    assertThat(root.get("role").textValue()).isEqualTo("leader");
    JsonNode head = root.get("head");
    assertThat(fields(head)).containsExactly("number", "hash", "timestamp");
    assertThat(head.get("number").isIntegralNumber()).isTrue();
    assertThat(head.get("number").longValue()).isEqualTo(42);
    assertThat(head.get("hash").textValue()).isEqualTo(HEAD_HASH.toHex());
    assertThat(head.get("timestamp").isIntegralNumber()).isTrue();
    assertThat(head.get("timestamp").longValue()).isEqualTo(1_767_225_600L);
    assertThat(fields(root.get("batcher"))).containsExactly("enabled");
    assertThat(root.get("batcher").get("enabled").isBoolean()).isTrue();
    assertThat(root.get("batcher").get("enabled").booleanValue()).isTrue();
  }

  @Test
  void followerWithoutKnownLeaderShowsCurrentLeaderAsNull() throws Exception {
    source.status.set(new NodeStatus(Optional.of(new RaftStatus(ID_2, RaftState.CANDIDATE, false,
        Optional.empty(), 7, 10, 10, 0, List.of())), Role.CANDIDATE, HEAD, new BatcherStatus(false)));

    JsonNode root = JSON.readTree(get("/status").body());

    JsonNode raft = root.get("consensus").get("raft");
    assertThat(raft.has("current_leader")).isTrue();
    assertThat(raft.get("current_leader").isNull()).isTrue();
    assertThat(raft.get("state").textValue()).isEqualTo("Candidate");
    assertThat(raft.get("is_leader").booleanValue()).isFalse();
    assertThat(raft.get("peers").isArray()).isTrue();
    assertThat(raft.get("peers")).isEmpty();
    assertThat(root.get("role").textValue()).isEqualTo("candidate");
    assertThat(root.get("batcher").get("enabled").booleanValue()).isFalse();
  }

  @Test
  void withoutConsensusRaftIsPresentAndNull() throws Exception {
    source.status.set(new NodeStatus(Optional.empty(), Role.SINGLE, HEAD, new BatcherStatus(true)));

    HttpResponse<String> r = get("/status");

    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode root = JSON.readTree(r.body());
    assertThat(fields(root)).containsExactly("healthy", "consensus", "role", "head", "batcher");
    assertThat(fields(root.get("consensus"))).containsExactly("raft");
    assertThat(root.get("consensus").get("raft").isNull()).isTrue();
    assertThat(root.get("role").textValue()).isEqualTo("single");
    assertThat(r.body()).contains("\"consensus\":{\"raft\":null}");
  }

  @Test
  void batcherProgressFollowsEnabledInOrderWithNullsForUnknowns() throws Exception {
    java.util.Map<String, Object> details = new java.util.LinkedHashMap<>();
    details.put("l1_contract", "0xdde5d695094275ef3f0ffba935ddaa8ba5aebedc");
    details.put("last_sealed_batch", 12L);
    details.put("last_executed_batch", null);
    details.put("last_l1_error", "connection refused");
    source.status.set(new NodeStatus(Optional.empty(), Role.SINGLE, HEAD, new BatcherStatus(true, details)));

    JsonNode b = JSON.readTree(get("/status").body()).get("batcher");

    assertThat(fields(b)).containsExactly("enabled", "l1_contract", "last_sealed_batch", "last_executed_batch",
        "last_l1_error");
    assertThat(b.get("enabled").booleanValue()).isTrue();
    assertThat(b.get("last_sealed_batch").isIntegralNumber()).isTrue();
    assertThat(b.get("last_sealed_batch").longValue()).isEqualTo(12);
    assertThat(b.get("last_executed_batch").isNull()).isTrue();
    assertThat(b.get("last_l1_error").textValue()).isEqualTo("connection refused");
  }

  @Test
  void externalNodeRole() throws Exception {
    source.status.set(new NodeStatus(Optional.empty(), Role.EXTERNAL, HEAD, new BatcherStatus(false)));

    assertThat(JSON.readTree(get("/status").body()).get("role").textValue()).isEqualTo("external");
  }

  @Test
  void blockSyncIsReportedUnderSyncOnNodesThatRunIt() throws Exception {
    source.status.set(new NodeStatus(Optional.empty(), Role.EXTERNAL, HEAD, new BatcherStatus(false),
        Optional.of(new SyncStatus(1234, 3, false))));

    JsonNode root = JSON.readTree(get("/status").body());
    assertThat(fields(root)).containsExactly("healthy", "consensus", "role", "head", "batcher", "sync");
    assertThat(root.get("consensus").get("raft").isNull()).isTrue();
    assertThat(root.get("sync").get("highest_seen").longValue()).isEqualTo(1234);
    assertThat(root.get("sync").get("peers").intValue()).isEqualTo(3);
    assertThat(root.get("sync").get("caught_up").booleanValue()).isFalse();
  }

  @Test
  void everyRaftStateAndRoleHasItsDocumentedName() {
    assertThat(List.of(RaftState.values()).stream().map(RaftState::jsonName))
        .containsExactly("Leader", "Follower", "Candidate", "Learner", "Shutdown");
    assertThat(List.of(Role.values()).stream().map(Role::jsonName))
        .containsExactly("leader", "follower", "candidate", "external", "single");
  }

  @Test
  void healthIsAlways200() throws Exception {
    source.readiness.set(Readiness.notReady("syncing"));

    HttpResponse<String> r = get("/status/health");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("{\"healthy\":true}");
    assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
  }

  @Test
  void readyFollowsTheSource() throws Exception {
    source.readiness.set(Readiness.notReady("replaying blocks 10..20"));

    HttpResponse<String> notReady = get("/status/ready");
    assertThat(notReady.statusCode()).isEqualTo(503);
    assertThat(JSON.readTree(notReady.body()))
        .isEqualTo(JSON.readTree("{\"ready\":false,\"reason\":\"replaying blocks 10..20\"}"));

    source.readiness.set(Readiness.ok());

    HttpResponse<String> ready = get("/status/ready");
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(ready.body())).isEqualTo(JSON.readTree("{\"ready\":true}"));
  }

  @Test
  void unknownPathsAre404AndOtherMethods405() throws Exception {
    HttpResponse<String> r = get("/nope");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(r.body()).get("error").textValue()).isEqualTo("not found");
    assertThat(get("/status/healthz").statusCode()).isEqualTo(404);
    assertThat(get("/").statusCode()).isEqualTo(404);

    HttpResponse<String> post = http.send(HttpRequest.newBuilder(uri("/status"))
        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(post.statusCode()).isEqualTo(405);
  }

  @Test
  void aFailingSourceGives500AndNotReadyButTheServerKeepsServing() throws Exception {
    source.fail.set(true);

    HttpResponse<String> status = get("/status");
    assertThat(status.statusCode()).isEqualTo(500);
    assertThat(JSON.readTree(status.body()).get("error").textValue()).contains("source broken");

    HttpResponse<String> ready = get("/status/ready");
    assertThat(ready.statusCode()).isEqualTo(503);
    assertThat(JSON.readTree(ready.body()).get("reason").textValue()).contains("source broken");

    assertThat(get("/status/health").statusCode()).isEqualTo(200);
    source.fail.set(false);
    assertThat(get("/status").statusCode()).isEqualTo(200);
  }

  @Test
  void theSourceIsNeverCalledOnTheEventLoop() throws Exception {
    get("/status");
    get("/status/ready");

    assertThat(source.calls.get()).isTrue();
    assertThat(source.calledOnEventLoop.get()).isFalse();
  }

  @Test
  void lifecycle() throws Exception {
    assertThat(server.port()).isEqualTo(port).isPositive();
    assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already started");

    server.close();
    server.close(); // idempotent

    assertThatThrownBy(() -> get("/status/health")).isInstanceOf(ConnectException.class);
    assertThatThrownBy(server::port).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aBusyPortFailsStartWithTheAddress() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
      StatusServer second = new StatusServer(vertx,
          new StatusServerOptions("127.0.0.1", taken.getLocalPort()), source);
      assertThatThrownBy(second::start).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("cannot bind status server to 127.0.0.1:" + taken.getLocalPort());
      assertThatThrownBy(second::start).isInstanceOf(IllegalStateException.class);
    }
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(5)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private static List<String> fields(JsonNode node) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }

  private static final class FakeSource implements StatusSource {
    final AtomicReference<NodeStatus> status = new AtomicReference<>(
        new NodeStatus(Optional.empty(), Role.SINGLE, HEAD, new BatcherStatus(true)));
    final AtomicReference<Readiness> readiness = new AtomicReference<>(Readiness.ok());
    final AtomicBoolean fail = new AtomicBoolean();
    final AtomicBoolean calls = new AtomicBoolean();
    final AtomicBoolean calledOnEventLoop = new AtomicBoolean();

    @Override
    public NodeStatus status() {
      record();
      return status.get();
    }

    @Override
    public Readiness readiness() {
      record();
      return readiness.get();
    }

    private void record() {
      calls.set(true);
      if (Context.isOnEventLoopThread()) {
        calledOnEventLoop.set(true);
      }
      if (fail.get()) {
        throw new IllegalStateException("source broken");
      }
    }
  }
}
