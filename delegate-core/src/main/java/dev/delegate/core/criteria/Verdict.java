package dev.delegate.core.criteria;

import java.util.Locale;
import java.util.Optional;

/** Whether a criterion is met, as a check command or the agent showed it. */
public enum Verdict {
  MET("met"),
  NOT_MET("not met"),
  /** Neither shown nor disproved: no parseable answer, no evidence, or the check could not run. */
  UNKNOWN("unknown");

  private final String label;

  Verdict(String label) {
    this.label = label;
  }

  /** How people, the API and the agent spell it: {@code met}, {@code not met}, {@code unknown}. */
  public String label() {
    return label;
  }

  /** The verdict spelled {@code text} (case and spacing ignored); empty for anything else. */
  public static Optional<Verdict> parse(String text) {
    String norm = text.strip().toLowerCase(Locale.ROOT).replaceAll("[\\s_-]+", " ");
    for (Verdict verdict : values()) {
      if (verdict.label.equals(norm)) {
        return Optional.of(verdict);
      }
    }
    return Optional.empty();
  }
}
