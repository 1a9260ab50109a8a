package dev.delegate.git.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Removes credentials from text before it reaches a message or a log: the user-info part of URLs,
 * the value of any {@code Authorization} header, and the values of secret-looking environment
 * variables handed to git (and their parts, such as the base64 of a Basic header).
 */
public final class Redaction {
  static final String MASK = "***";
  private static final Pattern URL_USERINFO =
      Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://)[^/@\\s'\"]+@");
  private static final Pattern AUTH_HEADER =
      Pattern.compile("(?i)(authorization\\s*[:=]\\s*)[^\\r\\n'\"]*");
  private static final int MIN_SECRET_PART = 8;

  private final List<String> secrets;

  private Redaction(List<String> secrets) {
    this.secrets = secrets;
  }

  /** Redacts URL credentials and Authorization headers only. */
  public static Redaction basic() {
    return new Redaction(List.of());
  }

  /**
   * Also redacts the values (and their longer parts) of secret-looking variables in {@code env}.
   */
  public static Redaction forEnvironment(Map<String, String> env) {
    List<String> secrets = new ArrayList<>();
    env.forEach(
        (key, value) -> {
          if (value != null && isSecretKey(key)) {
            addSecret(secrets, value);
          }
        });
    secrets.sort(Comparator.comparingInt(String::length).reversed());
    return new Redaction(List.copyOf(secrets));
  }

  /** {@code text} with every credential replaced by {@value #MASK}. */
  public String apply(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String out = text;
    for (String secret : secrets) {
      out = out.replace(secret, MASK);
    }
    out = URL_USERINFO.matcher(out).replaceAll("$1" + MASK + "@");
    return AUTH_HEADER.matcher(out).replaceAll("$1" + MASK);
  }

  public List<String> apply(List<String> texts) {
    return texts.stream().map(this::apply).toList();
  }

  private static boolean isSecretKey(String key) {
    String k = key.toUpperCase(Locale.ROOT);
    return k.startsWith("GIT_CONFIG_VALUE_")
        || k.contains("TOKEN")
        || k.contains("PASSWORD")
        || k.contains("SECRET")
        || k.contains("CREDENTIAL");
  }

  private static void addSecret(List<String> secrets, String value) {
    if (value.length() >= MIN_SECRET_PART) {
      secrets.add(value);
    }
    for (String part : value.split("[\\s:]+")) {
      if (part.length() >= MIN_SECRET_PART && !part.equalsIgnoreCase("authorization")) {
        secrets.add(part);
      }
    }
  }
}
