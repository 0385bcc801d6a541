package dev.raftseq.node;

/**
 * The fields every log line of this process carries: the node's short id and its current role
 * ({@code %property{node}} and {@code %property{role}} in logback.xml; "context.properties" in JSON).
 */
interface NodeLogFields {
  String NODE = "node";
  String ROLE = "role";

  NodeLogFields NONE = new NodeLogFields() {
    @Override
    public void node(String shortId) {}

    @Override
    public void role(String role) {}
  };

  void node(String shortId);

  /** single, leader, follower, candidate, joining or stopped; "/paused" while production is paused. */
  void role(String role);
}
