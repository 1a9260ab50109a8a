package dev.delegate.server.http;

import io.javalin.http.Context;
import java.util.Optional;

/**
 * The 404 a browser gets: an HTML page in the web UI's look with a way back, where an API client
 * (anything not asking for HTML, and every {@code /api/} path) gets the JSON error body.
 */
public final class NotFoundPage {
  private NotFoundPage() {}

  /** Whether this request is a browser's page load rather than an API call. */
  public static boolean wantsHtml(Context ctx) {
    return !ctx.path().startsWith("/api/")
        && Optional.ofNullable(ctx.header("Accept")).orElse("").contains("text/html");
  }

  /** Answers 404 with a page titled {@code heading} saying {@code message}; both are escaped. */
  public static void answer(Context ctx, String heading, String message) {
    String page =
        HtmlText.page(
            heading,
            """
            <header><a class="brand" href="/">Delegate</a><nav><a href="/">Tasks</a><a href="/dashboard">Dashboard</a><a href="/workers">Workers</a></nav></header>
            <main id="not-found" class="not-found">
              <h1>%s</h1>
              <p>%s</p>
              <p><a id="home-link" href="/">← All tasks</a></p>
            </main>
            """
                .formatted(HtmlText.escape(heading), HtmlText.escape(message)));
    ctx.status(404).contentType("text/html; charset=utf-8").result(page);
  }
}
