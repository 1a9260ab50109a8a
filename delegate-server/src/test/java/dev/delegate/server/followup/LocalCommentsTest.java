package dev.delegate.server.followup;

import static dev.delegate.server.followup.LoopServer.REPO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.delegate.core.followup.FollowUpComment;
import dev.delegate.core.followup.FollowUps;
import dev.delegate.core.job.Job;
import dev.delegate.server.http.Http;
import dev.delegate.testkit.contract.Race;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local forge's comment loop over real HTTP: a comment on a pull request Delegate opened goes
 * to the agent in one follow-up job on the same branch, once the pull request is quiet; past the
 * cap Delegate says once that a person is needed.
 */
class LocalCommentsTest {
  @TempDir static Path data;
  static LoopServer server;

  @BeforeAll
  static void start() {
    server =
        LoopServer.start(data, "--workers", "2", "--review-debounce", "2s", "--max-followups", "1");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static HttpResponse<String> comment(int number, String json) throws Exception {
    return server.post("/api/prs/local/sample-app/" + number + "/comments", json, Map.of());
  }

  private static List<String> conversation(int number) throws Exception {
    List<String> comments = new ArrayList<>();
    server
        .json("/api/prs/local/sample-app/" + number)
        .path("comments")
        .forEach(c -> comments.add(c.asText()));
    return comments;
  }

  @Test
  void should_send_a_comment_with_its_file_and_line_to_the_agent_in_one_follow_up_job()
      throws Exception {
    JsonNode task = server.delegated("commented");
    int number = task.get("prNumber").asInt();
    String first = task.get("jobId").asText();

    HttpResponse<String> created =
        comment(
            number,
            "{\"body\":\"Call the file notes/commented.md in the README\","
                + "\"path\":\"README.md\",\"line\":3}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(Http.JSON.readTree(created.body()).get("followUp").asBoolean()).isTrue();
    assertThat(comment(number, "{\"body\":\"And keep it short\"}").statusCode()).isEqualTo(201);
    assertThat(conversation(number))
        .contains("On README.md line 3:\n\nCall the file notes/commented.md in the README");

    JsonNode followUp = server.nextJob(number, first);
    server.awaitState(followUp.get("id").asText(), "SUCCEEDED");
    Job job = server.job(followUp.get("id").asText());
    assertThat(job.branch()).isEqualTo(task.get("branch").asText());
    assertThat(job.taskDetails())
        .contains("on README.md:3:\nCall the file notes/commented.md in the README")
        .contains("And keep it short");
    assertThat(server.node().forge().branchHead(REPO, job.branch())).isEqualTo(job.commitSha());
    assertThat(server.json("/api/tasks/" + task.get("taskId").asText()).path("jobId").asText())
        .isEqualTo(job.id());
    assertThat(server.node().database().followUpStore().followUps(REPO, number)).isEqualTo(1);
  }

  @Test
  void should_say_once_that_a_person_is_needed_past_the_cap_and_start_no_job() throws Exception {
    JsonNode task = server.delegated("capped");
    int number = task.get("prNumber").asInt();
    comment(number, "{\"body\":\"First round\"}");
    JsonNode followUp = server.nextJob(number, task.get("jobId").asText());
    server.awaitState(followUp.get("id").asText(), "SUCCEEDED");

    comment(number, "{\"body\":\"Second round\"}");
    String needed = FollowUps.capComment(1);
    await().atMost(Duration.ofSeconds(30)).until(() -> conversation(number).contains(needed));
    comment(number, "{\"body\":\"Third round\"}");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                server.node().database().followUpStore().comments(REPO, number).size() == 3
                    && server
                        .node()
                        .database()
                        .followUpStore()
                        .due(java.time.Instant.now(), 10)
                        .isEmpty());
    server.roles.api().orElseThrow().loop().sweep();

    assertThat(conversation(number).stream().filter(needed::equals)).hasSize(1);
    assertThat(server.json("/api/jobs?pr=" + number).get("id").asText())
        .isEqualTo(followUp.get("id").asText());
  }

  @Test
  void should_refuse_a_comment_a_person_can_correct() throws Exception {
    JsonNode task = server.delegated("refused");
    int number = task.get("prNumber").asInt();

    assertThat(comment(number, "{\"body\":\"  \"}").statusCode()).isEqualTo(400);
    assertThat(comment(number, "{\"body\":\"x\",\"line\":3}").statusCode()).isEqualTo(400);
    assertThat(comment(number, "{\"body\":\"x\",\"path\":\"a\",\"line\":0}").statusCode())
        .isEqualTo(400);
    assertThat(comment(number, "not json").statusCode()).isEqualTo(400);
    assertThat(comment(9999, "{\"body\":\"x\"}").statusCode()).isEqualTo(404);
    assertThat(server.node().database().followUpStore().comments(REPO, number)).isEmpty();
  }

  @Test
  void should_make_one_follow_up_per_pull_request_when_many_are_commented_at_once()
      throws Exception {
    int prs = 4;
    int perPr = 5;
    List<JsonNode> tasks = new ArrayList<>();
    for (int i = 0; i < prs; i++) {
      tasks.add(server.delegated("many-" + i));
    }
    Race.run(
        prs * perPr,
        i -> {
          int number = tasks.get(i % prs).get("prNumber").asInt();
          try {
            return comment(number, "{\"body\":\"remark " + i + ".\"}").statusCode();
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });

    for (int p = 0; p < prs; p++) {
      JsonNode task = tasks.get(p);
      int number = task.get("prNumber").asInt();
      JsonNode followUp = server.nextJob(number, task.get("jobId").asText());
      server.awaitState(followUp.get("id").asText(), "SUCCEEDED");
      String details = server.job(followUp.get("id").asText()).taskDetails();
      for (int i = 0; i < prs * perPr; i++) {
        if (i % prs == p) {
          assertThat(details).contains("remark " + i + ".");
        } else {
          assertThat(details).doesNotContain("remark " + i + ".");
        }
      }
      assertThat(server.node().database().followUpStore().comments(REPO, number))
          .hasSize(perPr)
          .extracting(FollowUpComment::kind)
          .containsOnly(FollowUpComment.Kind.COMMENT);
      assertThat(server.node().database().followUpStore().followUps(REPO, number)).isEqualTo(1);
    }
  }
}
