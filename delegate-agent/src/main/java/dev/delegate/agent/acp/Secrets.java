package dev.delegate.agent.acp;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The values of the agent's secret environment variables (API keys, tokens, passwords), removed
 * from whatever the session writes to its transcript or shows live.
 */
final class Secrets {
  static final String MASK = "[redacted]";
  private static final Pattern SECRET_NAME =
      Pattern.compile("(?i).*(KEY|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL).*");
  private static final int SHORTEST = 8;

  private final List<String> values;

  Secrets(Map<String, String> environment) {
    List<String> found = new ArrayList<>();
    environment.forEach(
        (name, value) -> {
          if (value != null && value.length() >= SHORTEST && SECRET_NAME.matcher(name).matches()) {
            found.add(value);
          }
        });
    found.sort(Comparator.comparingInt(String::length).reversed());
    this.values = List.copyOf(found);
  }

  String redact(String text) {
    String out = text;
    for (String value : values) {
      if (out.contains(value)) {
        out = out.replace(value, MASK);
      }
    }
    return out;
  }
}
