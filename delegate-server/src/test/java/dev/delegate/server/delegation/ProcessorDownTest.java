package dev.delegate.server.delegation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.delegate.server.http.Http;
import dev.delegate.server.launch.Roles;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With no processor running, a delegated job waits in the store and runs once one starts. */
class ProcessorDownTest {
  @TempDir Path data;

  @Test
  void should_keep_the_job_queued_until_a_processor_starts_on_the_same_store() throws Exception {
    String jobId;
    try (Roles apiOnly = Servers.start(data, "api")) {
      assertThat(apiOnly.processor()).isEmpty();
      assertThat(apiOnly.pool()).isEmpty();
      Api api = new Api(apiOnly.api().orElseThrow().port());
      HttpResponse<String> response =
          api.post("/api/delegate/personal", DelegationApiTest.EXPORT_REQUEST);
      assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
      JsonNode created = Http.JSON.readTree(response.body());
      jobId = created.path("jobId").asText();
      Thread.sleep(300); // nothing is there to take it: it must still be queued afterwards
      assertThat(api.state(jobId)).isEqualTo("QUEUED");
      assertThat(
              api.json("/api/tasks/" + created.path("taskId").asText()).path("jobState").asText())
          .isEqualTo("QUEUED");
    }

    try (Roles processor = Servers.start(data, "processor,pool")) {
      assertThat(processor.api()).isEmpty();
      var jobs = processor.node().orElseThrow().database().jobStore();
      await()
          .atMost(Duration.ofSeconds(90))
          .until(() -> jobs.find(jobId).orElseThrow().state().name().equals("SUCCEEDED"));
    }
  }
}
