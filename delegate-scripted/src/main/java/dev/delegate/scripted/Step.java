package dev.delegate.scripted;

/** One line (or heredoc) of a scenario. Arguments may hold {@code ${...}} variables. */
final class Step {
  enum Kind {
    SAY,
    REPLY,
    THINK,
    READ,
    WRITE,
    EDIT,
    RUN,
    ASK,
    HANG,
    CRASH,
    FLOOD,
    COST
  }

  final Kind kind;

  /** The line number in the scenario file, for error messages. */
  final int line;

  /** The text, path, command, question or number the step takes. */
  final String arg;

  /** {@code write}: the content; {@code edit}: the text to find. */
  final String text;

  /** {@code edit}: the replacement. */
  final String replacement;

  Step(Kind kind, int line, String arg, String text, String replacement) {
    this.kind = kind;
    this.line = line;
    this.arg = arg;
    this.text = text;
    this.replacement = replacement;
  }
}
