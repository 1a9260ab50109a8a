package dev.delegate.server.http;

/** The few pages the server writes itself (sign-in, not found), and the text in them. */
public final class HtmlText {
  private HtmlText() {}

  /** Text made safe to put into HTML, in an element or a quoted attribute. */
  public static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;")
        .replace("'", "&#39;");
  }

  /**
   * A whole page in the web UI's look: {@code title} (escaped here) in the window's title, then
   * {@code body}, HTML the caller built (escaping what it took from a request).
   */
  public static String page(String title, String body) {
    return """
        <!doctype html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>%s · Delegate</title>
          <link rel="icon" href="/favicon.svg" type="image/svg+xml">
          <link rel="stylesheet" href="/app.css">
          <script src="/js/theme.js"></script>
        </head>
        <body>
        %s</body>
        </html>
        """
        .formatted(escape(title), body);
  }
}
