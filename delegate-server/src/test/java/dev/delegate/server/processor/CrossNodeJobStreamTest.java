package dev.delegate.server.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.delegate.core.job.JobChange;
import dev.delegate.core.job.JobState;
import dev.delegate.core.job.JobStore;
import dev.delegate.core.job.NewJob;
import dev.delegate.server.delegation.Servers;
import dev.delegate.server.http.SseReader;
import dev.delegate.server.launch.Roles;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job another node works on: its changes reach the shared database but not this node's listeners,
 * so {@code GET /api/jobs/{id}/events} finds them by reading the job again ({@link
 * JobStream#CROSS_NODE_FALLBACK}). The other node is played by writes straight to the store, past
 * this node's {@code ObservableJobStore}, on an API node with no processor of its own.
 */
class CrossNodeJobStreamTest {
  private static final String OTHER_NODE = "other-node";
  @TempDir static Path data;
  static Roles apiNode;
  static JobStore otherNode;

  @BeforeAll
  static void start() {
    apiNode = Servers.start(data, "api");
    otherNode = apiNode.node().orElseThrow().database().jobStore();
  }

  @AfterAll
  static void stop() {
    apiNode.close();
  }

  private static List<String> states(SseReader reader) {
    return reader.data("job").stream().map(j -> j.path("state").asText()).toList();
  }

  @Test
  void should_see_each_change_another_node_made_and_end_at_its_final_state() {
    String id = UUID.randomUUID().toString();
    otherNode.enqueue(
        new NewJob(id, ProcessorRole.SAMPLE_REPO, 77, "feature/elsewhere", "details"),
        Instant.now());
    URI uri =
        URI.create("http://127.0.0.1:" + apiNode.api().orElseThrow().port() + "/api/jobs/" + id);
    Duration bound = JobStream.CROSS_NODE_FALLBACK.multipliedBy(15);

    try (SseReader reader = SseReader.open(URI.create(uri + "/events"))) {
      await().atMost(bound).until(() -> states(reader).equals(List.of("QUEUED")));

      assertThat(otherNode.claim(OTHER_NODE, Duration.ofMinutes(5), Instant.now())).isPresent();
      await().atMost(bound).until(() -> states(reader).contains("PREPARING"));
      assertThat(
              otherNode.transition(
                  id, OTHER_NODE, JobState.RUNNING, "agent at work", JobChange.NONE, Instant.now()))
          .isTrue();
      await().atMost(bound).until(() -> states(reader).contains("RUNNING"));
      assertThat(reader.ended()).isFalse();
      assertThat(
              otherNode.transition(
                  id,
                  OTHER_NODE,
                  JobState.FAILED,
                  "the agent gave up",
                  JobChange.failure("the agent gave up"),
                  Instant.now()))
          .isTrue();

      await().atMost(bound).until(reader::ended);
      assertThat(states(reader)).containsExactly("QUEUED", "PREPARING", "RUNNING", "FAILED");
      assertThat(reader.data("job").getLast().path("failure").asText())
          .isEqualTo("the agent gave up");
      assertThat(reader.data("end").getFirst().path("state").asText()).isEqualTo("FAILED");
    }
  }
}
