package dev.delegate.server.live;

import dev.delegate.core.node.NodeRecord;
import dev.delegate.core.node.NodeStore;
import dev.delegate.server.http.EventStream;
import dev.delegate.server.node.NodeHeartbeat;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * How this node reaches the other nodes sharing its store, to relay their live streams: the node
 * registry says where each answers (its {@code address}) and whether it is up; a request carries
 * the token the nodes share ({@code --token}) as {@code Authorization: Bearer}, and {@link
 * #RELAYED_BY} with this node's id, so the node asked never relays it on (no loops between nodes).
 */
public final class Relay {
  /** The header of a relayed request: the id of the node that relays it. */
  public static final String RELAYED_BY = "X-Delegate-Relayed-By";

  static final Duration CONNECT = Duration.ofSeconds(5);
  static final Duration ANSWER = Duration.ofSeconds(10);
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT).build();

  private final NodeStore nodes;
  private final String self;
  private final Optional<String> token;
  private final Clock clock;

  /**
   * @param self this node's id
   * @param token the token the nodes share, sent to the other nodes when set
   */
  public Relay(NodeStore nodes, String self, Optional<String> token, Clock clock) {
    this.nodes = nodes;
    this.self = self;
    this.token = token;
    this.clock = clock;
  }

  /** This node's id. */
  String self() {
    return self;
  }

  Instant now() {
    return clock.instant();
  }

  /** Every node of the registry, the latest heartbeat first. */
  List<NodeRecord> nodes() {
    return nodes.nodes();
  }

  /** Another node, when the registry knows it and it is up. */
  Optional<NodeRecord> up(String id) {
    if (id.equals(self)) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    return nodes().stream()
        .filter(n -> n.id().equals(id))
        .findFirst()
        .filter(n -> n.status(now, NodeHeartbeat.SILENCE) == NodeRecord.Status.UP);
  }

  /** How a node not up looks, for a message: {@code gone}, {@code stopped} or {@code unknown}. */
  String whyNotUp(String id) {
    Instant now = clock.instant();
    return nodes().stream()
        .filter(n -> n.id().equals(id))
        .findFirst()
        .map(n -> n.status(now, NodeHeartbeat.SILENCE).name().toLowerCase(java.util.Locale.ROOT))
        .orElse("unknown");
  }

  /**
   * Opens {@code path} on {@code node} as an event stream and waits for the answer's status; the
   * caller checks {@link EventStream#status()} and closes the stream.
   *
   * @throws IOException when the node cannot be reached or does not answer in time
   */
  EventStream open(NodeRecord node, String path) throws IOException, InterruptedException {
    String base = node.address().endsWith("/") ? node.address() : node.address() + "/";
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base).resolve(path.substring(1)))
            .header("Accept", "text/event-stream")
            .header(RELAYED_BY, self)
            .GET();
    token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
    EventStream stream = new EventStream();
    try {
      stream.open(CLIENT.sendAsync(request.build(), stream.handler()), ANSWER);
      return stream;
    } catch (IOException | InterruptedException | RuntimeException e) {
      stream.close();
      throw e;
    }
  }

  /** What a node's refusal means, for a person. */
  static String refusal(String nodeId, int status) {
    return "node "
        + nodeId
        + " answered "
        + status
        + (status == 401 ? " (the nodes must share one --token)" : "");
  }
}
