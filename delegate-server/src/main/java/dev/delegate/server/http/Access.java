package dev.delegate.server.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Who may call a server started with a token (docs/security.md, "Tokens and the web UI").
 *
 * <p>Programs send {@code Authorization: Bearer <token>}. A browser cannot send that header with a
 * page load or an {@code EventSource}, so where the web UI is served ({@link #withSignIn}) a person
 * signs in once at {@code /login} with the token and gets a cookie instead: {@code HttpOnly},
 * {@code SameSite=Strict}, valid for {@link #SESSION}, holding an expiry and an HMAC of it keyed by
 * the token (never the token itself; changing the token ends every session). A request that changes
 * something on the strength of the cookie alone must also come from this origin ({@code Origin}
 * equal to the request's own host), since other ports of the same host count as the same site to
 * the browser.
 */
public final class Access {
  static final String COOKIE = "delegate_session";
  static final Duration SESSION = Duration.ofDays(7);
  private static final Duration FAILED_SIGN_IN_PAUSE = Duration.ofMillis(500);
  private static final Set<HandlerType> SAFE_METHODS =
      Set.of(HandlerType.GET, HandlerType.HEAD, HandlerType.OPTIONS);

  /** Open on every port, token or not: {@link Readiness}. */
  private static final Set<String> PROBES = Set.of("/live", "/ready");

  private static final Set<String> OPEN_PATHS =
      Set.of("/login", "/logout", "/app.css", "/js/theme.js", "/favicon.svg");

  /**
   * Routes that callers without the token reach because the route checks a signature of its own
   * before it reads anything: GitHub's webhook deliveries ({@code X-Hub-Signature-256}).
   */
  private static final Set<String> SIGNED_PATHS = Set.of("/api/github/webhook");

  /** Checks its own tokens, the {@code --token} or the {@code --metrics-token} (MetricsRoute). */
  private static final String METRICS_PATH = "/metrics";

  private final byte[] bearer;
  private final byte[] key;
  private final boolean signIn;
  private final Clock clock;
  private final Optional<String> gitPaths;

  private Access(String token, boolean signIn, Clock clock, Optional<String> gitPaths) {
    this.bearer = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    this.key = token.getBytes(StandardCharsets.UTF_8);
    this.signIn = signIn;
    this.clock = clock;
    this.gitPaths = gitPaths;
  }

  /** The same, with git clients' authentication (Bearer or Basic) under {@code prefix}. */
  public Access withGitPaths(String prefix) {
    return new Access(new String(key, StandardCharsets.UTF_8), signIn, clock, Optional.of(prefix));
  }

  /** Bearer token only: the pool's and the processor's ports, which no browser uses. */
  public static Access bearerOnly(String token) {
    return new Access(token, false, Clock.systemUTC(), Optional.empty());
  }

  /** Bearer token, or the sign-in cookie: the API port, which serves the web UI. */
  public static Access withSignIn(String token, Clock clock) {
    return new Access(token, true, clock, Optional.empty());
  }

  void install(JavalinConfig config) {
    config.routes.beforeMatched(this::check);
    if (signIn) {
      config.routes.get("/login", ctx -> loginPage(ctx, ctx.queryParam("next"), null));
      config.routes.post("/login", this::signIn);
      config.routes.post("/logout", Access::signOut);
    }
  }

  private void check(Context ctx) throws InterruptedException {
    if (PROBES.contains(ctx.path())) {
      return; // load balancers and orchestrators probe without a token; nothing secret is shown
    }
    if (SIGNED_PATHS.contains(ctx.path()) && HandlerType.POST.equals(ctx.method())) {
      return;
    }
    if (ctx.path().equals(METRICS_PATH)) {
      return;
    }
    if (MessageDigest.isEqual(
        bearer, header(ctx, "Authorization").getBytes(StandardCharsets.UTF_8))) {
      return;
    }
    if (gitPaths.isPresent() && ctx.path().startsWith(gitPaths.get())) {
      checkGitClient(ctx);
      return;
    }
    if (signIn) {
      if (OPEN_PATHS.contains(ctx.path())) {
        return;
      }
      if (validSession(ctx.cookie(COOKIE))) {
        if (changesState(ctx) && !sameOrigin(ctx)) {
          throw new ApiException(
              403, "cross_origin", "a signed-in browser may change things only from this origin");
        }
        return;
      }
      if (HandlerType.GET.equals(ctx.method()) && header(ctx, "Accept").contains("text/html")) {
        String next = ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
        ctx.redirect(
            "/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8), HttpStatus.SEE_OTHER);
        ctx.skipRemainingHandlers();
        return;
      }
      throw new ApiException(
          401, "unauthorized", "missing or wrong bearer token (browsers: sign in at /login)");
    }
    throw new ApiException(401, "unauthorized", "missing or wrong bearer token");
  }

  /** Basic with the token as the password, else a {@code 401} that makes git ask for it. */
  private void checkGitClient(Context ctx) throws InterruptedException {
    String given = header(ctx, "Authorization");
    if (given.regionMatches(true, 0, "Basic ", 0, 6)) {
      String password = basicPassword(given.substring(6).strip());
      if (MessageDigest.isEqual(key, password.getBytes(StandardCharsets.UTF_8))) {
        return;
      }
    }
    if (!given.isEmpty()) {
      Thread.sleep(FAILED_SIGN_IN_PAUSE); // each wrong guess costs the guesser time
    }
    ctx.header("WWW-Authenticate", "Basic realm=\"Delegate\"");
    Http.error(
        ctx,
        401,
        "unauthorized",
        "git needs this server's token: as the password (any user name) or as"
            + " 'Authorization: Bearer <token>'");
    ctx.skipRemainingHandlers();
  }

  /** The password of a Basic credential; empty when it is not one. */
  private static String basicPassword(String encoded) {
    try {
      String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon < 0 ? "" : decoded.substring(colon + 1);
    } catch (IllegalArgumentException e) {
      return "";
    }
  }

  private void signIn(Context ctx) throws InterruptedException {
    String next = ctx.formParam("next");
    if (!header(ctx, "Origin").isEmpty() && !sameOrigin(ctx)) {
      throw new ApiException(403, "cross_origin", "sign in from this server's own page");
    }
    String given = Optional.ofNullable(ctx.formParam("token")).orElse("").strip();
    byte[] candidate = ("Bearer " + given).getBytes(StandardCharsets.UTF_8);
    if (given.isEmpty() || !MessageDigest.isEqual(bearer, candidate)) {
      Thread.sleep(FAILED_SIGN_IN_PAUSE); // each wrong guess costs the guesser time
      ctx.status(401);
      loginPage(ctx, next, "That is not the token this server was started with.");
      return;
    }
    setCookie(ctx, session(clock.instant().plus(SESSION)), SESSION);
    ctx.redirect(localPath(next), HttpStatus.SEE_OTHER);
  }

  private static void signOut(Context ctx) {
    setCookie(ctx, "", Duration.ZERO);
    ctx.redirect("/login", HttpStatus.SEE_OTHER);
  }

  /** The session cookie, always with the same attributes, so that signing out replaces it. */
  private static void setCookie(Context ctx, String value, Duration maxAge) {
    ctx.header(
        "Set-Cookie",
        COOKIE
            + "="
            + value
            + "; Path=/; Max-Age="
            + maxAge.toSeconds()
            + "; HttpOnly; SameSite=Strict"
            + (secure(ctx) ? "; Secure" : ""));
  }

  /** A session cookie's value: its expiry in epoch seconds, a dot, the HMAC of that expiry. */
  String session(java.time.Instant expires) {
    long seconds = expires.getEpochSecond();
    return seconds + "." + mac(seconds);
  }

  boolean validSession(String cookie) {
    if (cookie == null) {
      return false;
    }
    int dot = cookie.indexOf('.');
    if (dot <= 0) {
      return false;
    }
    long expires;
    try {
      expires = Long.parseLong(cookie.substring(0, dot));
    } catch (NumberFormatException e) {
      return false;
    }
    byte[] expected = mac(expires).getBytes(StandardCharsets.US_ASCII);
    byte[] given = cookie.substring(dot + 1).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, given) && clock.instant().getEpochSecond() < expires;
  }

  private String mac(long expires) {
    try {
      Mac hmac = Mac.getInstance("HmacSHA256");
      hmac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] sum =
          hmac.doFinal(("delegate web session " + expires).getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(sum);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  private static boolean changesState(Context ctx) {
    return !SAFE_METHODS.contains(ctx.method());
  }

  private static boolean sameOrigin(Context ctx) {
    String origin = header(ctx, "Origin");
    String host = header(ctx, "Host");
    if (origin.isEmpty() || host.isEmpty()) {
      return false;
    }
    try {
      URI uri = URI.create(origin);
      String authority = uri.getRawAuthority();
      return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && host.equalsIgnoreCase(authority);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static boolean secure(Context ctx) {
    return "https".equalsIgnoreCase(ctx.scheme())
        || "https".equalsIgnoreCase(header(ctx, "X-Forwarded-Proto"));
  }

  /** {@code next} when it is a path on this server, else {@code /}: never a way off-site. */
  static String localPath(String next) {
    if (next == null
        || !next.startsWith("/")
        || next.startsWith("//")
        || next.startsWith("/\\")
        || next.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      return "/";
    }
    return next;
  }

  private static String header(Context ctx, String name) {
    return Optional.ofNullable(ctx.header(name)).orElse("");
  }

  private static void loginPage(Context ctx, String next, String problem) {
    String form =
        HtmlText.page(
            "Sign in",
            """
            <header><span class="brand">Delegate</span></header>
            <main>
              <h1>Sign in</h1>
              <form id="login-form" class="panel" method="post" action="/login">
                <p class="muted">This Delegate was started with a token (<code>--token</code> or
                <code>DELEGATE_TOKEN</code>). Enter it once; this browser then stays signed in for
                %d days.</p>
                %s
                <div class="field">
                  <label for="token">Token</label>
                  <input type="password" id="token" name="token" autocomplete="current-password"
                         required autofocus>
                </div>
                <input type="hidden" name="next" value="%s">
                <div class="actions"><button type="submit" class="primary" id="login-button">Sign in</button></div>
              </form>
            </main>
            """
                .formatted(
                    SESSION.toDays(),
                    problem == null
                        ? ""
                        : "<p class=\"error\" id=\"login-error\">"
                            + HtmlText.escape(problem)
                            + "</p>",
                    HtmlText.escape(localPath(next))));
    ctx.contentType("text/html; charset=utf-8").result(form);
  }
}
