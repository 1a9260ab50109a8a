package dev.delegate.server.forge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.delegate.core.PermanentException;
import dev.delegate.core.forge.RepoRef;
import dev.delegate.git.cli.GitCommand;
import dev.delegate.git.cli.GitResult;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who reaches the served repositories: with the server's token (Bearer, or Basic as git asks a
 * person for it) everything a git client needs; without it, or with a wrong one, or with only the
 * web UI's cookie, no git path at all; and only paths naming an existing repository.
 */
class GitHttpAccessTest {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  @TempDir static Path serving;
  static ForgeNode node;
  static RepoRef repo;

  @TempDir Path here;

  @BeforeAll
  static void startNode() {
    node = ForgeNode.start(serving);
    repo = node.newRepository();
  }

  @AfterAll
  static void stopNode() {
    if (node != null) {
      node.close();
    }
  }

  private static String repoPath() {
    return "/git/" + repo.fullName() + ".git";
  }

  private GitResult git(String... args) {
    return node.git().tryExec(GitCommand.in(here, args));
  }

  private static HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node.url() + path)).GET();
    if (headers.length > 0) {
      request.headers(headers);
    }
    return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Who commits in the clones of these tests. */
  private static final Map<String, String> AUTHOR =
      Map.of(
          "GIT_AUTHOR_NAME",
          "A",
          "GIT_AUTHOR_EMAIL",
          "a@example.com",
          "GIT_COMMITTER_NAME",
          "A",
          "GIT_COMMITTER_EMAIL",
          "a@example.com");

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void should_ask_for_the_token_the_way_git_prompts_a_person() throws Exception {
    HttpResponse<String> answer = get(repoPath() + "/info/refs?service=git-upload-pack");

    assertThat(answer.statusCode()).isEqualTo(401);
    assertThat(answer.headers().firstValue("WWW-Authenticate"))
        .contains("Basic realm=\"Delegate\"");
    assertThat(answer.body()).contains("token");
    assertThat(git("ls-remote", node.url() + repoPath()).ok()).isFalse();
  }

  @Test
  void should_let_git_in_with_the_token_as_the_password_of_any_user(@TempDir Path clone) {
    String withToken = "http://x:" + ForgeNode.TOKEN + "@127.0.0.1:" + node.port() + repoPath();

    GitResult refs = git("ls-remote", withToken, "refs/heads/main");
    assertThat(refs.ok()).as(refs.stderr()).isTrue();
    assertThat(refs.stdout()).startsWith(node.local().branchHead(repo, "main").orElseThrow());

    GitResult cloned =
        node.git().tryExec(GitCommand.in(clone, "clone", "--quiet", withToken, "app"));
    assertThat(cloned.ok()).as(cloned.stderr()).isTrue();
    node.git().run(clone.resolve("app"), "switch", "--quiet", "-c", "feature/by-hand");
    node.git()
        .exec(
            GitCommand.in(
                    clone.resolve("app"), "commit", "--quiet", "--allow-empty", "-m", "by hand")
                .env(AUTHOR));
    GitResult pushed =
        node.git()
            .tryExec(GitCommand.in(clone.resolve("app"), "push", "--quiet", "origin", "HEAD"));
    assertThat(pushed.ok()).as(pushed.stderr()).isTrue();
    assertThat(node.local().branchHead(repo, "feature/by-hand")).isPresent();
  }

  @Test
  void should_stream_packs_larger_than_git_buffers_both_ways(@TempDir Path clone) throws Exception {
    String withToken = "http://x:" + ForgeNode.TOKEN + "@127.0.0.1:" + node.port() + repoPath();
    node.git().run(clone, "clone", "--quiet", withToken, "app");
    Path app = clone.resolve("app");
    byte[] noise = new byte[6 << 20]; // over git's 1 MiB http.postBuffer: a chunked request body
    new Random(42).nextBytes(noise);
    Files.write(app.resolve("noise.bin"), noise);
    node.git().run(app, "add", "noise.bin");
    node.git().exec(GitCommand.in(app, "commit", "--quiet", "-m", "noise").env(AUTHOR));
    GitResult pushed =
        node.git().tryExec(GitCommand.in(app, "push", "--quiet", "origin", "HEAD:feature/big"));
    assertThat(pushed.ok()).as(pushed.stderr()).isTrue();

    GitResult again =
        node.git()
            .tryExec(
                GitCommand.in(clone, "clone", "--quiet", "-b", "feature/big", withToken, "again"));
    assertThat(again.ok()).as(again.stderr()).isTrue();
    assertThat(Files.readAllBytes(clone.resolve("again/noise.bin"))).isEqualTo(noise);
  }

  @Test
  void should_take_the_gzipped_requests_git_sends_when_it_has_much_to_say(@TempDir Path clone) {
    String withToken = "http://x:" + ForgeNode.TOKEN + "@127.0.0.1:" + node.port() + repoPath();
    node.git().run(clone, "clone", "--quiet", withToken, "app");
    Path app = clone.resolve("app");
    for (int i = 0; i < 60; i++) { // commits the forge lacks: a fetch names them all as "have"
      node.git()
          .exec(
              GitCommand.in(app, "commit", "--quiet", "--allow-empty", "-m", "local " + i)
                  .env(AUTHOR));
    }
    node.local().createBranch(repo, "feature/gzip", "main");
    String theirs =
        node.local().putFile(repo, "feature/gzip", "gzip.txt", "zipped\n", "feat: gzip");

    GitResult fetched =
        node.git()
            .tryExec(
                GitCommand.in(
                        app, "fetch", "origin", "feature/gzip:refs/remotes/origin/feature/gzip")
                    .env(Map.of("GIT_TRACE_CURL", "1", "GIT_TRACE_CURL_NO_DATA", "1")));

    assertThat(fetched.ok()).as(fetched.stderr()).isTrue();
    assertThat(fetched.stderr()).as("git gzipped its request").contains("Content-Encoding: gzip");
    assertThat(node.git().run(app, "rev-parse", "refs/remotes/origin/feature/gzip").strip())
        .isEqualTo(theirs);
  }

  @Test
  void should_refuse_a_wrong_token_whichever_way_it_comes() throws Exception {
    String info = repoPath() + "/info/refs?service=git-upload-pack";
    assertThat(get(info, "Authorization", basic("x", "wrong-token")).statusCode()).isEqualTo(401);
    assertThat(get(info, "Authorization", "Bearer wrong-token").statusCode()).isEqualTo(401);
    assertThat(get(info, "Authorization", basic(ForgeNode.TOKEN, "")).statusCode())
        .as("the token as the user name")
        .isEqualTo(401);
    assertThat(get(info, "Authorization", basic("x", ForgeNode.TOKEN)).statusCode()).isEqualTo(200);
    assertThat(get(info, "Authorization", "Bearer " + ForgeNode.TOKEN).statusCode()).isEqualTo(200);

    String wrong = "http://x:wrong-token@127.0.0.1:" + node.port() + repoPath();
    assertThat(git("ls-remote", wrong).ok()).isFalse();
    Assertions.assertThatThrownBy(
            () ->
                node.remoteForge(here.resolve("worker"), Optional.of("wrong-token"))
                    .branchHead(repo, "main"))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("token")
        .hasMessageNotContaining("wrong-token");
  }

  @Test
  void should_reach_no_git_path_without_the_token_not_even_with_the_web_cookie() throws Exception {
    String cookie = signIn();
    List<String> paths =
        List.of(
            repoPath() + "/info/refs?service=git-upload-pack",
            repoPath() + "/info/refs?service=git-receive-pack",
            repoPath() + "/HEAD",
            "/git/nobody/nothing.git/info/refs?service=git-upload-pack");
    for (String path : paths) {
      assertThat(get(path).statusCode()).as(path).isEqualTo(401);
      assertThat(get(path, "Cookie", cookie).statusCode())
          .as(path + " with a cookie")
          .isEqualTo(401);
    }
    for (String service : List.of("git-upload-pack", "git-receive-pack")) {
      HttpResponse<String> post =
          CLIENT.send(
              HttpRequest.newBuilder(URI.create(node.url() + repoPath() + "/" + service))
                  .header("Cookie", cookie)
                  .header("Content-Type", "application/x-" + service + "-request")
                  .POST(HttpRequest.BodyPublishers.ofString("0000"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(post.statusCode()).as(service).isEqualTo(401);
    }
    // the cookie is good for the rest of the API
    assertThat(get("/api/tasks", "Cookie", cookie).statusCode()).isEqualTo(200);
  }

  @Test
  void should_serve_existing_repositories_and_smart_http_paths_only() throws Exception {
    String bearer = "Bearer " + ForgeNode.TOKEN;
    HttpResponse<String> unknown =
        get("/git/nobody/nothing.git/info/refs?service=git-upload-pack", "Authorization", bearer);
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).contains("nobody/nothing does not exist");

    for (String odd :
        List.of(
            "/git/acme/../local/sample-app.git/info/refs?service=git-upload-pack",
            "/git/acme/%2e%2e/sample-app.git/info/refs?service=git-upload-pack",
            "/git/"
                + repo.owner()
                + "/..%2f"
                + repo.name()
                + ".git/info/refs?service=git-upload-pack")) {
      HttpResponse<String> refused = get(odd, "Authorization", bearer);
      assertThat(refused.statusCode()).as(odd).isIn(400, 404);
    }
    HttpResponse<String> dots =
        get(
            "/git/" + repo.owner() + "/" + repo.name() + "..git/info/refs?service=git-upload-pack",
            "Authorization",
            bearer);
    assertThat(dots.statusCode()).isEqualTo(400);
    assertThat(dots.body()).contains("'..'");

    HttpResponse<String> dumb = get(repoPath() + "/HEAD", "Authorization", bearer);
    assertThat(dumb.statusCode()).isEqualTo(404);
    assertThat(dumb.body()).contains("info/refs?service=git-upload-pack");
    HttpResponse<String> noService = get(repoPath() + "/info/refs", "Authorization", bearer);
    assertThat(noService.statusCode()).isEqualTo(400);
    assertThat(noService.body()).contains("smart HTTP");
    assertThat(get(repoPath() + "/git-upload-pack", "Authorization", bearer).statusCode())
        .as("upload-pack by GET")
        .isEqualTo(400);

    HttpResponse<String> served =
        get(repoPath() + "/info/refs?service=git-upload-pack", "Authorization", bearer);
    assertThat(served.statusCode()).isEqualTo(200);
    assertThat(served.headers().firstValue("Content-Type"))
        .contains("application/x-git-upload-pack-advertisement");
  }

  private static String signIn() throws Exception {
    HttpResponse<String> login =
        CLIENT.send(
            HttpRequest.newBuilder(URI.create(node.url() + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "token="
                            + URLEncoder.encode(ForgeNode.TOKEN, StandardCharsets.UTF_8)
                            + "&next=/"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(login.statusCode()).isEqualTo(303);
    return login.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
  }
}
