package dev.delegate.server.forge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.delegate.core.forge.RepoRef;
import dev.delegate.git.cli.Git;
import dev.delegate.git.local.LocalForge;
import dev.delegate.testkit.store.InMemoryPullRequestStore;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code git http-backend} run as a CGI program: its answer passed on, a stuck run cut off. */
class GitHttpBackendTest {
  @TempDir Path data;

  private LocalForge forge() {
    LocalForge forge = new LocalForge(data, new Git(), new InMemoryPullRequestStore());
    forge.createRepository(new RepoRef("acme", "shop"), Map.of("README.md", "# shop\n"));
    return forge;
  }

  private static GitHttpBackend.Request request(
      String method, String path, String query, InputStream body) {
    return new GitHttpBackend.Request(
        method,
        path,
        query,
        Optional.of("application/x-git-upload-pack-request"),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        "delegate",
        "127.0.0.1",
        body);
  }

  /** Keeps what the backend sent. */
  private static final class Recorded implements GitHttpBackend.Response {
    int status;
    final Map<String, String> headers = new HashMap<>();
    final ByteArrayOutputStream body = new ByteArrayOutputStream();

    @Override
    public void start(int status, Map<String, String> headers) {
      this.status = status;
      this.headers.putAll(headers);
    }

    @Override
    public OutputStream body() {
      return body;
    }
  }

  @Test
  void should_pass_on_the_status_headers_and_body_git_answers() throws Exception {
    GitHttpBackend backend = new GitHttpBackend(forge().directory(), Duration.ofSeconds(30));
    Recorded answer = new Recorded();

    backend.serve(
        request(
            "GET",
            "/acme/shop.git/info/refs",
            "service=git-upload-pack",
            InputStream.nullInputStream()),
        answer);

    assertThat(answer.status).isEqualTo(200);
    assertThat(answer.headers)
        .containsEntry("Content-Type", "application/x-git-upload-pack-advertisement");
    assertThat(answer.body.toString(StandardCharsets.ISO_8859_1))
        .startsWith("001e# service=git-upload-pack")
        .contains("refs/heads/main");
  }

  @Test
  void should_cut_off_a_run_that_outlasts_its_time_and_say_so() throws Exception {
    // git answers a fetch's headers at once, then waits for the request the client never ends
    GitHttpBackend backend = new GitHttpBackend(forge().directory(), Duration.ofMillis(500));
    try (PipedOutputStream never = new PipedOutputStream();
        PipedInputStream stuck = new PipedInputStream(never)) {
      Recorded answer = new Recorded();
      assertThatThrownBy(
              () ->
                  backend.serve(
                      request("POST", "/acme/shop.git/git-upload-pack", "", stuck), answer))
          .isInstanceOf(GitHttpBackend.BackendFailure.class)
          .hasMessageContaining("cut off after 500 ms")
          .satisfies(e -> assertThat(((GitHttpBackend.BackendFailure) e).status()).isEqualTo(504));
    }
  }

  @Test
  void should_turn_git_refusals_into_failures_with_its_message() {
    GitHttpBackend backend = new GitHttpBackend(forge().directory(), Duration.ofSeconds(30));

    assertThatThrownBy(
            () ->
                backend.serve(
                    request(
                        "GET",
                        "/acme/none.git/info/refs",
                        "service=git-upload-pack",
                        InputStream.nullInputStream()),
                    new Recorded()))
        .isInstanceOf(GitHttpBackend.BackendFailure.class)
        .satisfies(e -> assertThat(((GitHttpBackend.BackendFailure) e).status()).isEqualTo(404));
  }
}
