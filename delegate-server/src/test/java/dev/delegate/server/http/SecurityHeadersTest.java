package dev.delegate.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.delegate.server.delegation.Servers;
import dev.delegate.server.launch.Roles;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every answer of every port says {@code nosniff} and carries the content security policy; a
 * browser asking for a page that is not there gets an HTML 404 page, an API client JSON.
 */
class SecurityHeadersTest {
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir static Path data;
  static Roles roles;
  static String api;

  @BeforeAll
  static void start() {
    roles = Servers.start(data, "api,processor,pool");
    api = "http://127.0.0.1:" + roles.api().orElseThrow().port();
  }

  @AfterAll
  static void stop() {
    roles.close();
  }

  static HttpResponse<String> get(String url, String accept) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url)).header("Accept", accept).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> delegate() throws Exception {
    String task =
        """
        {"title":"Headers","objective":"Check the headers.","acceptanceCriteria":["They are there"]}
        """;
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(api + "/api/delegate/personal"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(task))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void should_say_nosniff_and_the_policy_on_every_answer_of_every_port() throws Exception {
    JsonNode created = Http.JSON.readTree(delegate().body());
    String diff = api + "/api/prs/local/sample-app/" + created.path("prNumber").asInt() + "/diff";
    List<String> urls =
        List.of(
            api + "/",
            api + "/app.css",
            api + "/js/task.js",
            api + "/favicon.svg",
            api + "/api/tasks",
            diff,
            api + "/tasks/" + created.path("taskId").asText(),
            api + "/no/such/page",
            "http://127.0.0.1:" + roles.pool().orElseThrow().port() + "/health",
            "http://127.0.0.1:" + roles.processor().orElseThrow().port() + "/health");
    for (String url : urls) {
      HttpResponse<String> answer = get(url, "*/*");
      assertThat(answer.headers().firstValue("X-Content-Type-Options")).as(url).contains("nosniff");
      assertThat(answer.headers().firstValue("Content-Security-Policy"))
          .as(url)
          .hasValueSatisfying(
              policy ->
                  assertThat(policy)
                      .contains("script-src 'self';", "frame-ancestors 'none'")
                      .doesNotContain("unsafe-eval"));
    }
    HttpResponse<String> text = get(diff, "*/*");
    assertThat(text.statusCode()).isEqualTo(200);
    assertThat(text.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> t.startsWith("text/plain"));
    assertThat(text.body()).contains("+++ b/TASK.md");
  }

  @Test
  void should_allow_inline_styles_on_the_task_page_only_and_never_inline_scripts()
      throws Exception {
    assertThat(get(api + "/", "text/html").headers().firstValue("Content-Security-Policy"))
        .contains(SecurityHeaders.POLICY)
        .hasValueSatisfying(p -> assertThat(p).contains("style-src 'self';"));
    JsonNode created = Http.JSON.readTree(delegate().body());
    String taskPage = api + "/tasks/" + created.path("taskId").asText();
    assertThat(get(taskPage, "text/html").headers().firstValue("Content-Security-Policy"))
        .hasValueSatisfying(
            p ->
                assertThat(p)
                    .contains("style-src 'self' 'unsafe-inline';", "script-src 'self';")
                    .doesNotContain("script-src 'self' 'unsafe-inline'"));
  }

  @Test
  void should_answer_a_missing_page_with_html_for_a_browser_and_json_for_an_api_client()
      throws Exception {
    HttpResponse<String> page = get(api + "/no/such/a&b", "text/html,*/*;q=0.8");
    assertThat(page.statusCode()).isEqualTo(404);
    assertThat(page.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    assertThat(page.body())
        .contains("<main id=\"not-found\"", "<h1>Page not found</h1>", "/no/such/a&amp;b")
        .doesNotContain("a&b");

    HttpResponse<String> json = get(api + "/no/such/page", "application/json");
    assertThat(json.statusCode()).isEqualTo(404);
    assertThat(json.body()).contains("\"code\":\"not_found\"");
    assertThat(get(api + "/api/no-such-endpoint", "text/html").body())
        .as("an /api/ path is always answered in JSON")
        .contains("\"code\":\"not_found\"");

    HttpResponse<String> task = get(api + "/tasks/no-such-task", "text/html");
    assertThat(task.statusCode()).isEqualTo(404);
    assertThat(task.body()).contains("No such task", "There is no task no-such-task.");
    HttpResponse<String> pr = get(api + "/prs/local/sample-app/9999", "text/html");
    assertThat(pr.statusCode()).isEqualTo(404);
    assertThat(pr.body()).contains("No such pull request");
    assertThat(get(api + "/prs/local/sample-app/not-a-number", "text/html").statusCode())
        .isEqualTo(404);
  }

  @Test
  void should_serve_a_favicon() throws Exception {
    HttpResponse<String> icon = get(api + "/favicon.svg", "image/*");
    assertThat(icon.statusCode()).isEqualTo(200);
    assertThat(icon.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("image/svg+xml"));
    assertThat(get(api + "/", "text/html").body())
        .contains("<link rel=\"icon\" href=\"/favicon.svg\"");
  }
}
