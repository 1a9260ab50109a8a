package dev.delegate.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.delegate.core.node.NodeRecord;
import dev.delegate.core.node.NodeRecord.Status;
import dev.delegate.core.node.NodeStore;
import dev.delegate.testkit.contract.Race;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The node registry on a database engine: heartbeats, a clean stop, many nodes at once. */
abstract class NodeStoreContract {
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00.123Z");
  private static final Duration SILENCE = Duration.ofSeconds(15);

  private Database database;
  private NodeStore nodes;

  protected abstract Database openDatabase();

  @BeforeEach
  void open() {
    database = openDatabase();
    nodes = database.nodeStore();
  }

  @AfterEach
  void close() {
    database.close();
  }

  private static NodeRecord beat(String id, Instant at, int ready, int busy) {
    return new NodeRecord(
        id,
        List.of("processor", "pool"),
        "http://10.0.0.5:8082",
        "0.1.0",
        T0,
        at,
        ready,
        busy,
        Optional.empty());
  }

  @Test
  void should_add_a_node_at_its_first_heartbeat_and_keep_its_latest() {
    nodes.heartbeat(beat("1@a", T0, 4, 0));
    nodes.heartbeat(beat("1@a", T0.plusSeconds(5), 1, 3));

    NodeRecord node = nodes.nodes().getFirst();
    assertThat(nodes.nodes()).hasSize(1);
    assertThat(node).isEqualTo(beat("1@a", T0.plusSeconds(5), 1, 3));
    assertThat(node.status(T0.plusSeconds(10), SILENCE)).isEqualTo(Status.UP);
    assertThat(node.status(T0.plusSeconds(21), SILENCE)).isEqualTo(Status.GONE);
  }

  @Test
  void should_show_a_clean_stop_until_the_node_beats_again() {
    nodes.heartbeat(beat("1@a", T0, 2, 0));
    assertThat(nodes.stopped("1@a", T0.plusSeconds(1))).isTrue();
    assertThat(nodes.stopped("2@b", T0)).isFalse();

    NodeRecord stopped = nodes.nodes().getFirst();
    assertThat(stopped.stoppedAt()).contains(T0.plusSeconds(1));
    assertThat(stopped.status(T0.plusSeconds(100), SILENCE)).isEqualTo(Status.STOPPED);

    nodes.heartbeat(beat("1@a", T0.plusSeconds(200), 2, 0));
    assertThat(nodes.nodes().getFirst().stoppedAt()).isEmpty();
  }

  @Test
  void should_keep_each_of_many_nodes_beating_at_once() throws Exception {
    Race.run(
        8,
        n -> {
          for (int i = 0; i < 20; i++) {
            nodes.heartbeat(beat(n + "@host", T0.plusSeconds(i + n * 100L), n, i));
          }
          return null;
        });

    assertThat(nodes.nodes())
        .hasSize(8)
        .allSatisfy(node -> assertThat(node.workersBusy()).isEqualTo(19));
    assertThat(nodes.nodes().getFirst().id()).isEqualTo("7@host");
  }
}
