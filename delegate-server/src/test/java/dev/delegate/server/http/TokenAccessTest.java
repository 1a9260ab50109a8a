package dev.delegate.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.delegate.server.Main;
import dev.delegate.server.delegation.Servers;
import dev.delegate.server.launch.Roles;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A server started with {@code --token}: programs with the bearer token, browsers with the cookie
 * {@code /login} gives, everybody else refused, on all three ports.
 */
class TokenAccessTest {
  static final String TOKEN = "correct horse battery staple";
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir static Path data;
  static Roles roles;
  static String api;

  @BeforeAll
  static void start() {
    roles = Servers.start(data, "api,processor,pool", "--token", TOKEN);
    api = "http://127.0.0.1:" + roles.api().orElseThrow().port();
  }

  @AfterAll
  static void stop() {
    roles.close();
  }

  static HttpResponse<String> send(String method, String url, String body, String... headers)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> signIn(String token, String next, String... headers)
      throws Exception {
    String form =
        "token="
            + java.net.URLEncoder.encode(token, java.nio.charset.StandardCharsets.UTF_8)
            + "&next="
            + java.net.URLEncoder.encode(next, java.nio.charset.StandardCharsets.UTF_8);
    List<String> all =
        new ArrayList<>(List.of("Content-Type", "application/x-www-form-urlencoded"));
    all.addAll(List.of(headers));
    return send("POST", api + "/login", form, all.toArray(String[]::new));
  }

  static String sessionCookie() throws Exception {
    HttpResponse<String> answer = signIn(TOKEN, "/workers");
    String setCookie = answer.headers().firstValue("Set-Cookie").orElseThrow();
    return setCookie.substring(0, setCookie.indexOf(';'));
  }

  @Test
  void should_refuse_requests_without_the_token_on_every_port_and_take_the_bearer_token()
      throws Exception {
    List<String> guarded =
        List.of(
            api + "/api/tasks",
            api + "/api/webhooks/deliveries",
            "http://127.0.0.1:" + roles.pool().orElseThrow().port() + "/health",
            "http://127.0.0.1:" + roles.processor().orElseThrow().port() + "/health");
    for (String url : guarded) {
      HttpResponse<String> refused = send("GET", url, null);
      assertThat(refused.statusCode()).as(url).isEqualTo(401);
      assertThat(refused.body()).contains("\"code\":\"unauthorized\"");
      assertThat(send("GET", url, null, "Authorization", "Bearer wrong").statusCode())
          .isEqualTo(401);
      assertThat(send("GET", url, null, "Authorization", "Bearer " + TOKEN).statusCode())
          .as(url)
          .isEqualTo(200);
    }
  }

  @Test
  void should_send_a_browser_without_a_session_to_the_sign_in_page_and_back() throws Exception {
    HttpResponse<String> page =
        send("GET", api + "/tasks/abc?tab=diff", null, "Accept", "text/html,*/*");
    assertThat(page.statusCode()).isEqualTo(303);
    assertThat(page.headers().firstValue("Location"))
        .contains("/login?next=%2Ftasks%2Fabc%3Ftab%3Ddiff");

    assertThat(send("GET", api + "/", null, "Accept", "text/html").headers().firstValue("Location"))
        .as("static pages too")
        .contains("/login?next=%2F");
    assertThat(send("GET", api + "/js/dom.js", null).statusCode()).isEqualTo(401);

    HttpResponse<String> login = send("GET", api + "/login?next=/tasks/abc%3Ftab%3Ddiff", null);
    assertThat(login.statusCode()).isEqualTo(200);
    assertThat(login.body())
        .contains("<form id=\"login-form\"")
        .contains("name=\"next\" value=\"/tasks/abc?tab=diff\"");
    assertThat(send("GET", api + "/app.css", null).statusCode()).isEqualTo(200);

    HttpResponse<String> signedIn = signIn(TOKEN, "/tasks/abc?tab=diff");
    assertThat(signedIn.statusCode()).isEqualTo(303);
    assertThat(signedIn.headers().firstValue("Location")).contains("/tasks/abc?tab=diff");
    String cookie = signedIn.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(cookie)
        .startsWith("delegate_session=")
        .contains("HttpOnly")
        .contains("SameSite=Strict")
        .contains("Path=/")
        .doesNotContain(TOKEN)
        .doesNotContain("Secure");
    String session = cookie.substring(0, cookie.indexOf(';'));

    assertThat(send("GET", api + "/api/tasks", null, "Cookie", session).statusCode())
        .isEqualTo(200);
    HttpResponse<String> pageAgain =
        send("GET", api + "/workers", null, "Accept", "text/html", "Cookie", session);
    assertThat(pageAgain.statusCode()).isEqualTo(200);
    assertThat(pageAgain.body()).contains("<title>");
    assertThat(send("GET", api + "/api/ui", null, "Cookie", session).body())
        .contains("\"signIn\":true");
  }

  @Test
  void should_answer_a_wrong_token_with_the_form_again_and_no_cookie() throws Exception {
    HttpResponse<String> wrong = signIn("Tr0ub4dor&3", "/");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.headers().firstValue("Set-Cookie")).isEmpty();
    assertThat(wrong.body()).contains("id=\"login-error\"").contains("not the token");

    assertThat(signIn("", "/").statusCode()).isEqualTo(401);
    assertThat(
            send("GET", api + "/api/tasks", null, "Cookie", "delegate_session=99999999999.forged")
                .statusCode())
        .isEqualTo(401);
  }

  @Test
  void should_never_send_the_browser_off_site_after_signing_in() throws Exception {
    for (String next : List.of("//evil.example/x", "https://evil.example/", "/\\evil.example")) {
      assertThat(signIn(TOKEN, next).headers().firstValue("Location")).as(next).contains("/");
      assertThat(signIn(TOKEN, next).headers().firstValue("Location").orElseThrow())
          .as(next)
          .doesNotContain("evil");
    }
    assertThat(
            send("GET", api + "/login?next=%22%3E%3Cscript%3Ealert(1)%3C/script%3E", null).body())
        .doesNotContain("<script>alert");
  }

  @Test
  void should_let_a_signed_in_browser_change_things_only_from_this_origin() throws Exception {
    String session = sessionCookie();
    String invalidTask = "{\"title\":\"\"}";
    String own = api; // http://127.0.0.1:port, what a page of this server sends as Origin
    String[] json = {"Content-Type", "application/json", "Cookie", session};

    HttpResponse<String> noOrigin = send("POST", api + "/api/delegate/personal", invalidTask, json);
    assertThat(noOrigin.statusCode()).isEqualTo(403);
    assertThat(noOrigin.body()).contains("cross_origin");
    HttpResponse<String> otherPort =
        send(
            "POST",
            api + "/api/delegate/personal",
            invalidTask,
            "Content-Type",
            "application/json",
            "Cookie",
            session,
            "Origin",
            "http://127.0.0.1:3000");
    assertThat(otherPort.statusCode()).isEqualTo(403);
    HttpResponse<String> sameOrigin =
        send(
            "POST",
            api + "/api/delegate/personal",
            invalidTask,
            "Content-Type",
            "application/json",
            "Cookie",
            session,
            "Origin",
            own);
    assertThat(sameOrigin.statusCode())
        .as("past the access check, the task itself is refused")
        .isEqualTo(400);
    assertThat(sameOrigin.body()).contains("invalid_request");

    HttpResponse<String> bearer =
        send(
            "POST",
            api + "/api/delegate/personal",
            invalidTask,
            "Content-Type",
            "application/json",
            "Authorization",
            "Bearer " + TOKEN);
    assertThat(bearer.statusCode()).as("programs need no Origin").isEqualTo(400);
  }

  @Test
  void should_clear_the_cookie_on_sign_out() throws Exception {
    HttpResponse<String> out = send("POST", api + "/logout", null, "Cookie", sessionCookie());
    assertThat(out.statusCode()).isEqualTo(303);
    assertThat(out.headers().firstValue("Location")).contains("/login");
    assertThat(out.headers().firstValue("Set-Cookie").orElseThrow())
        .startsWith("delegate_session=;")
        .contains("Max-Age=0");
  }

  @Test
  void should_end_a_session_when_it_expires_or_the_token_changes() {
    Instant now = Instant.parse("2026-11-24T12:00:00Z");
    Access access = Access.withSignIn(TOKEN, Clock.fixed(now, ZoneOffset.UTC));
    String fresh = access.session(now.plus(Access.SESSION));
    assertThat(access.validSession(fresh)).isTrue();
    assertThat(access.validSession(access.session(now))).as("expired").isFalse();
    assertThat(access.validSession(fresh.replace(".", "0."))).as("expiry changed").isFalse();
    Access otherToken = Access.withSignIn("another token", Clock.fixed(now, ZoneOffset.UTC));
    assertThat(otherToken.validSession(fresh)).isFalse();
    assertThat(access.validSession("not a session")).isFalse();
    assertThat(access.validSession(null)).isFalse();
  }

  @Test
  void should_send_the_token_from_the_command_line() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new Main());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int refused = cli.execute("status", "no-such-job", "--url", api, "--token", "wrong");
    assertThat(refused).isNotZero();
    assertThat(err.toString()).contains("DELEGATE_TOKEN");

    StringWriter err2 = new StringWriter();
    cli.setErr(new PrintWriter(err2, true));
    int known = cli.execute("status", "no-such-job", "--url", api, "--token", TOKEN);
    assertThat(err2.toString())
        .as("past the token: the job itself is unknown")
        .contains("no-such-job");
    assertThat(err2.toString()).doesNotContain("DELEGATE_TOKEN");
    assertThat(known).isNotZero();

    int workers =
        cli.execute(
            "workers",
            "--pool-url",
            "http://127.0.0.1:" + roles.pool().orElseThrow().port(),
            "--token",
            TOKEN);
    assertThat(workers).as(err2.toString()).isZero();
  }
}
