package dev.delegate.server.http;

/** Text for the few pages the server writes itself (sign-in, not found). */
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
}
