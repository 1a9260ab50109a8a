package dev.delegate.server.metrics;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The metric names a PromQL expression reads; enough of PromQL for the rules and dashboard. */
final class PromQl {
  private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
  private static final Pattern GROUPING =
      Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
  private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Set<String> KEYWORDS =
      Set.of("and", "or", "unless", "offset", "bool", "by", "without", "on", "ignoring");

  private PromQl() {}

  static Set<String> metricNames(String expr) {
    String text = STRING.matcher(expr).replaceAll("\"\"");
    text = text.replaceAll("\\{[^}]*}", " ").replaceAll("\\[[^]]*]", " ");
    text = GROUPING.matcher(text).replaceAll(" ");
    Set<String> names = new TreeSet<>();
    Matcher m = IDENTIFIER.matcher(text);
    while (m.find()) {
      String word = m.group();
      boolean partOfNumber = m.start() > 0 && Character.isDigit(text.charAt(m.start() - 1));
      boolean function = text.substring(m.end()).stripLeading().startsWith("(");
      if (!partOfNumber && !function && !KEYWORDS.contains(word)) {
        names.add(word);
      }
    }
    return names;
  }

  /** Whether the round, square and curly brackets of {@code expr} pair up. */
  static boolean balanced(String expr) {
    String text = STRING.matcher(expr).replaceAll("\"\"");
    java.util.Deque<Character> open = new java.util.ArrayDeque<>();
    for (char c : text.toCharArray()) {
      switch (c) {
        case '(', '[', '{' -> open.push(c);
        case ')', ']', '}' -> {
          char expected = c == ')' ? '(' : c == ']' ? '[' : '{';
          if (open.isEmpty() || open.pop() != expected) {
            return false;
          }
        }
        default -> {}
      }
    }
    return open.isEmpty();
  }
}
