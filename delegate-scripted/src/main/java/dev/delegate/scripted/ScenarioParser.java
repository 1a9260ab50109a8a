package dev.delegate.scripted;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Parses the scenario format described in README.md; errors name the file and line. */
final class ScenarioParser {
  private static final Pattern HEREDOC =
      Pattern.compile("(.*?)\\s*<<(['\"]?)([A-Za-z_][A-Za-z0-9_]*)\\2");

  private final String origin;
  private final String[] lines;
  private int next;

  private ScenarioParser(String origin, String source) {
    this.origin = origin;
    this.lines = source.split("\n", -1);
  }

  static Scenario parse(String name, String origin, String source) throws ScenarioException {
    ScenarioParser parser = new ScenarioParser(origin, source);
    List<Pattern> matches = new ArrayList<>();
    List<Step> steps = new ArrayList<>();
    parser.parseInto(matches, steps);
    return new Scenario(name, origin, matches, steps);
  }

  private void parseInto(List<Pattern> matches, List<Step> steps) throws ScenarioException {
    while (next < lines.length) {
      int lineNo = next + 1;
      String line = lines[next++].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int space = line.indexOf(' ');
      String verb = space < 0 ? line : line.substring(0, space);
      String rest = space < 0 ? "" : line.substring(space + 1).strip();
      if (verb.equals("match")) {
        matches.add(regex(rest, lineNo));
      } else {
        steps.add(step(verb, rest, lineNo));
      }
    }
  }

  private Step step(String verb, String rest, int lineNo) throws ScenarioException {
    switch (verb) {
      case "say", "reply" -> {
        return new Step(kind(verb), lineNo, chomp(textOrHeredoc(rest, lineNo)), null, null);
      }
      case "ask", "run", "read", "think", "crash", "flood", "cost" -> {
        String arg = chomp(textOrHeredoc(required(rest, verb, lineNo), lineNo));
        checkNumber(verb, arg, lineNo);
        return new Step(kind(verb), lineNo, arg, null, null);
      }
      case "write" -> {
        Matcher heredoc = HEREDOC.matcher(rest);
        if (!heredoc.matches() || heredoc.group(1).isEmpty()) {
          throw error(lineNo, "write needs a path and a heredoc: write PATH <<EOF");
        }
        String content = heredoc(heredoc, lineNo);
        return new Step(Step.Kind.WRITE, lineNo, heredoc.group(1), content, null);
      }
      case "edit" -> {
        String path = required(rest, verb, lineNo);
        String find = clause("find", lineNo);
        String replace = clause("replace", lineNo);
        return new Step(Step.Kind.EDIT, lineNo, path, find, replace);
      }
      case "hang" -> {
        if (!rest.isEmpty()) {
          throw error(lineNo, "hang takes no argument");
        }
        return new Step(Step.Kind.HANG, lineNo, "", null, null);
      }
      default -> throw error(lineNo, "unknown step '" + verb + "' (see README.md for the steps)");
    }
  }

  /** After {@code edit}: the next non-comment line must be {@code find …} or {@code replace …}. */
  private String clause(String keyword, int editLine) throws ScenarioException {
    while (next < lines.length) {
      int lineNo = next + 1;
      String line = lines[next++].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.equals(keyword) || line.startsWith(keyword + " ")) {
        return textOrHeredoc(line.substring(keyword.length()).strip(), lineNo);
      }
      throw error(lineNo, "expected '" + keyword + "' for the edit on line " + editLine);
    }
    throw error(editLine, "edit needs a 'find' and a 'replace' after it");
  }

  /** Inline text as is, or the heredoc's lines each ending in a newline (like a shell's). */
  private String textOrHeredoc(String rest, int lineNo) throws ScenarioException {
    Matcher heredoc = HEREDOC.matcher(rest);
    return heredoc.matches() && heredoc.group(1).isEmpty() ? heredoc(heredoc, lineNo) : rest;
  }

  private String heredoc(Matcher marker, int lineNo) throws ScenarioException {
    String tag = marker.group(3);
    StringBuilder body = new StringBuilder();
    while (next < lines.length) {
      String line = lines[next++];
      line = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
      if (line.strip().equals(tag)) {
        return marker.group(2).isEmpty() ? body.toString() : Template.literal(body.toString());
      }
      body.append(line).append('\n');
    }
    throw error(lineNo, "heredoc <<" + tag + " has no closing line '" + tag + "'");
  }

  private Pattern regex(String regex, int lineNo) throws ScenarioException {
    try {
      return Pattern.compile(
          required(regex, "match", lineNo), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    } catch (PatternSyntaxException e) {
      throw error(lineNo, "bad regex: " + e.getDescription());
    }
  }

  private void checkNumber(String verb, String arg, int lineNo) throws ScenarioException {
    if (arg.contains("${")) {
      return; // a variable: checked when the step runs
    }
    try {
      switch (verb) {
        case "think" -> Numbers.millis(arg);
        case "crash" -> Numbers.exitCode(arg);
        case "flood" -> Numbers.bytes(arg);
        case "cost" -> Numbers.usd(arg);
        default -> {}
      }
    } catch (IllegalArgumentException e) {
      throw error(lineNo, e.getMessage());
    }
  }

  private String required(String value, String verb, int lineNo) throws ScenarioException {
    if (value.isEmpty()) {
      throw error(lineNo, verb + " needs an argument");
    }
    return value;
  }

  private static Step.Kind kind(String verb) {
    return switch (verb) {
      case "say" -> Step.Kind.SAY;
      case "reply" -> Step.Kind.REPLY;
      case "ask" -> Step.Kind.ASK;
      case "run" -> Step.Kind.RUN;
      case "read" -> Step.Kind.READ;
      case "think" -> Step.Kind.THINK;
      case "crash" -> Step.Kind.CRASH;
      case "cost" -> Step.Kind.COST;
      default -> Step.Kind.FLOOD;
    };
  }

  private static String chomp(String text) {
    return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
  }

  private ScenarioException error(int lineNo, String message) {
    return new ScenarioException(origin, lineNo, message);
  }
}
