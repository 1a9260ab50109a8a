package dev.delegate.server.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

/**
 * Headers on every answer of every role's server: {@code X-Content-Type-Options: nosniff} (a
 * browser never guesses a type, so a diff served as text is never run as HTML), a
 * Content-Security-Policy that lets a page load only this server's own scripts, styles, images and
 * connections (no inline script, no other origin, no framing), and {@code Referrer-Policy:
 * same-origin}. docs/security.md, "The web UI's headers".
 */
public final class SecurityHeaders {
  /** The policy of every answer. Scripts and styles: this server's files only. */
  static final String POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " font-src 'self'; connect-src 'self'; manifest-src 'self'; base-uri 'none';"
          + " form-action 'self'; frame-ancestors 'none'";

  /**
   * The task page's: the same, except that styles may also be inline, because the terminal emulator
   * (xterm.js) writes its theme, cell dimensions and 24-bit colours as {@code <style>} elements and
   * {@code style} attributes. Scripts stay this server's own.
   */
  static final String TERMINAL_PAGE_POLICY =
      POLICY.replace("style-src 'self';", "style-src 'self' 'unsafe-inline';");

  private SecurityHeaders() {}

  static void install(JavalinConfig config) {
    config.routes.before(SecurityHeaders::apply);
  }

  static void apply(Context ctx) {
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "same-origin");
    ctx.header(
        "Content-Security-Policy",
        ctx.path().startsWith("/tasks/") ? TERMINAL_PAGE_POLICY : POLICY);
  }
}
