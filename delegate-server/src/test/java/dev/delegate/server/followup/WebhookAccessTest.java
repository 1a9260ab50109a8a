package dev.delegate.server.followup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.delegate.server.http.Http;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GitHub cannot send Delegate's token, so its webhook route is reached without it and checks its
 * own signature; without a secret it refuses every delivery and says how to turn it on. The local
 * forge's comments still need the token.
 */
class WebhookAccessTest {
  @TempDir static Path data;
  static LoopServer server;

  @BeforeAll
  static void start() {
    server = LoopServer.startRoles(data, "api", "--token", "let-me-in");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void should_refuse_github_deliveries_plainly_when_no_secret_is_configured() throws Exception {
    HttpResponse<String> refused =
        server.post(
            PullRequestLoop.WEBHOOK_PATH,
            "{\"zen\":\"Keep it logically awesome.\"}",
            Map.of("X-GitHub-Event", "ping", "X-Hub-Signature-256", "sha256=00"));

    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(Http.JSON.readTree(refused.body()).path("error").path("message").asText())
        .contains("--github-webhook-secret")
        .contains("DELEGATE_GITHUB_WEBHOOK_SECRET");
  }

  @Test
  void should_still_require_the_token_for_local_comments() throws Exception {
    HttpResponse<String> refused =
        server.post("/api/prs/local/sample-app/1/comments", "{\"body\":\"hi\"}", Map.of());

    assertThat(refused.statusCode()).isEqualTo(401);
  }
}
