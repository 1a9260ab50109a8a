package dev.delegate.git.github;

import java.net.http.HttpHeaders;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Follows GitHub's {@code Link: <…>; rel="next"} pagination, only within the API base URL. */
final class Links {
  private static final Pattern NEXT = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"next\"");

  private Links() {}

  /** The path (below {@code apiBase}) of the next page, if there is one. */
  static Optional<String> next(HttpHeaders headers, String apiBase) {
    for (String header : headers.allValues("link")) {
      Matcher m = NEXT.matcher(header);
      if (m.find() && m.group(1).startsWith(apiBase + "/")) {
        return Optional.of(m.group(1).substring(apiBase.length()));
      }
    }
    return Optional.empty();
  }
}
