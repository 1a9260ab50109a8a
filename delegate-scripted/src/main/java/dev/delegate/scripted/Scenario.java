package dev.delegate.scripted;

import java.util.List;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A parsed scenario file: when it applies ({@code match} lines) and what it does (steps). */
final class Scenario {
  static final String DEFAULT = "default";

  final String name;

  /** Where it came from: a file path or {@code builtin:NAME}. */
  final String origin;

  final List<Pattern> matches;
  final List<Step> steps;

  Scenario(String name, String origin, List<Pattern> matches, List<Step> steps) {
    this.name = name;
    this.origin = origin;
    this.matches = List.copyOf(matches);
    this.steps = List.copyOf(steps);
  }

  /** The first {@code match} regex found in the prompt, or null. */
  MatchResult match(String prompt) {
    for (int i = 0; i < matches.size(); i++) {
      Matcher matcher = matches.get(i).matcher(prompt);
      if (matcher.find()) {
        return matcher.toMatchResult();
      }
    }
    return null;
  }
}
