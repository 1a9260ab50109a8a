package dev.delegate.core.criteria;

import java.util.Objects;
import java.util.Optional;

/**
 * One acceptance criterion of a task: what must be true, and optionally a command that shows it
 * (exit code 0: met).
 *
 * @param text what must be true; never blank
 * @param check a shell command run in the job's workspace after the agent's work; empty: the agent
 *     judges the criterion itself
 */
public record Criterion(String text, Optional<String> check) {

  public Criterion {
    Objects.requireNonNull(text, "text");
    text = text.strip();
    if (text.isEmpty()) {
      throw new IllegalArgumentException("a criterion's text must not be blank");
    }
    check = check == null ? Optional.empty() : check.map(String::strip).filter(c -> !c.isEmpty());
  }

  /** A criterion the agent judges. */
  public static Criterion of(String text) {
    return new Criterion(text, Optional.empty());
  }

  /** A criterion shown by {@code check}. */
  public static Criterion checked(String text, String check) {
    return new Criterion(text, Optional.of(check));
  }
}
