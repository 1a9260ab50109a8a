package dev.delegate.scripted;

/**
 * One key press or paste, decoded from the input bytes. Non-text keys are shared constants and
 * compare by identity; no {@code equals} on purpose (records would bootstrap invokedynamic).
 */
final class Key {
  enum Kind {
    TEXT,
    PASTE,
    ENTER,
    BACKSPACE,
    INTERRUPT,
    UP,
    DOWN,
    LEFT,
    RIGHT,
    END_OF_INPUT
  }

  static final Key ENTER = new Key(Kind.ENTER, "");
  static final Key BACKSPACE = new Key(Kind.BACKSPACE, "");
  static final Key INTERRUPT = new Key(Kind.INTERRUPT, "");
  static final Key UP = new Key(Kind.UP, "");
  static final Key DOWN = new Key(Kind.DOWN, "");
  static final Key LEFT = new Key(Kind.LEFT, "");
  static final Key RIGHT = new Key(Kind.RIGHT, "");
  static final Key END_OF_INPUT = new Key(Kind.END_OF_INPUT, "");

  final Kind kind;

  /** Typed or pasted text, verbatim (a paste keeps its CR, LF and control characters). */
  final String text;

  private Key(Kind kind, String text) {
    this.kind = kind;
    this.text = text;
  }

  static Key text(String text) {
    return new Key(Kind.TEXT, text);
  }

  static Key paste(String text) {
    return new Key(Kind.PASTE, text);
  }

  @Override
  public String toString() {
    return kind == Kind.TEXT || kind == Kind.PASTE ? kind + "(" + text + ")" : kind.name();
  }
}
