package dev.delegate.git.workspace;

import dev.delegate.core.PermanentException;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Commit-message trailers ({@code Key: value} lines in the last paragraph), checked and added. */
final class Trailers {
  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,63}");

  private Trailers() {}

  static String checkKey(String key) {
    if (key == null || !KEY.matcher(key).matches()) {
      throw new PermanentException(
          "a trailer key is 1 to 64 letters, digits or '-' (like Delegate-Job); was '" + key + "'");
    }
    return key;
  }

  static String checkValue(String key, String value) {
    if (value == null || value.isBlank() || value.strip().length() != value.length()) {
      throw new PermanentException("trailer '" + key + "' needs a value without outer spaces");
    }
    if (value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw new PermanentException("trailer '" + key + "' must be one line of printable text");
    }
    return value;
  }

  /**
   * {@code message} followed by a blank line and one {@code Key: value} line per trailer, sorted by
   * key (the request's map has no order of its own).
   */
  static String append(String message, Map<String, String> trailers) {
    if (message == null || message.isBlank()) {
      throw new PermanentException("a commit needs a message");
    }
    StringBuilder text = new StringBuilder(message.strip()).append('\n');
    if (!trailers.isEmpty()) {
      text.append('\n');
      new TreeMap<>(trailers)
          .forEach(
              (key, value) ->
                  text.append(checkKey(key))
                      .append(": ")
                      .append(checkValue(key, value))
                      .append('\n'));
    }
    return text.toString();
  }
}
