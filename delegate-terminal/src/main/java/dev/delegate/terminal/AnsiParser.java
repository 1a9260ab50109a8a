package dev.delegate.terminal;

/**
 * Streaming ECMA-48 / xterm escape-sequence parser shared by {@link TerminalText} and {@link
 * TerminalScreen}.
 *
 * <p>State survives between {@link #feed} calls, so a chunk may end anywhere: inside a CSI, an OSC
 * string or between the two halves of a UTF-16 surrogate pair. Recognised: C0 controls, two- and
 * three-character escapes ({@code ESC 7}, {@code ESC ( B}), CSI, OSC (ended by BEL or ST), and
 * DCS/SOS/PM/APC strings (ended by ST; their content is discarded). DEL and C1 controls (U+0080 to
 * U+009F) are dropped: decoded UTF-8 output does not use them. CAN and SUB abort a sequence.
 *
 * <p>Not thread-safe; the owning view serialises access. Allocation-free except for OSC payloads.
 */
final class AnsiParser {

  /** Receives what the parser recognised, in stream order. */
  interface Sink {
    /** A printable code point (never a control, never a lone surrogate half). */
    void print(int codePoint);

    /** A C0 control other than ESC, CAN and SUB. */
    void control(char c);

    /** A complete CSI sequence; {@code csi} is only valid during the call. */
    void csi(Csi csi);

    /** A complete escape; {@code intermediate} is 0 when there is none. */
    void esc(char intermediate, char finalChar);

    /** The payload of an OSC string, without {@code ESC ]} and terminator. */
    void osc(String payload);
  }

  static final int MAX_OSC_CHARS = 8192;

  private static final int GROUND = 0;
  private static final int ESCAPE = 1;
  private static final int ESCAPE_INTERMEDIATE = 2;
  private static final int CSI = 3;
  private static final int OSC = 4;
  private static final int OSC_ESCAPE = 5;
  private static final int STRING = 6;
  private static final int STRING_ESCAPE = 7;

  private final Sink sink;
  private final Csi csi = new Csi();
  private final StringBuilder osc = new StringBuilder();
  private int state = GROUND;
  private char intermediate;
  private char highSurrogate;
  private boolean oscOverflow;

  AnsiParser(Sink sink) {
    this.sink = sink;
  }

  void feed(CharSequence chunk) {
    for (int i = 0, n = chunk.length(); i < n; i++) {
      char c = chunk.charAt(i);
      switch (state) {
        case GROUND -> ground(c);
        case ESCAPE -> escape(c);
        case ESCAPE_INTERMEDIATE -> escapeIntermediate(c);
        case CSI -> csi(c);
        case OSC -> osc(c);
        case OSC_ESCAPE -> oscEscape(c);
        case STRING -> string(c);
        default -> stringEscape(c);
      }
    }
  }

  private void ground(char c) {
    if (highSurrogate != 0) {
      char high = highSurrogate;
      highSurrogate = 0;
      if (Character.isLowSurrogate(c)) {
        sink.print(Character.toCodePoint(high, c));
        return;
      }
      sink.print(0xFFFD);
    }
    if (c >= 0x20 && c < 0x7f) {
      sink.print(c);
    } else if (c == 0x1b) {
      state = ESCAPE;
    } else if (c < 0x20) {
      if (c != 0x18 && c != 0x1a) {
        sink.control(c);
      }
    } else if (c < 0xa0) {
      // DEL and C1 controls: dropped.
    } else if (Character.isHighSurrogate(c)) {
      highSurrogate = c;
    } else if (Character.isLowSurrogate(c)) {
      sink.print(0xFFFD);
    } else {
      sink.print(c);
    }
  }

  private void escape(char c) {
    if (c == '[') {
      csi.reset();
      state = CSI;
    } else if (c == ']') {
      osc.setLength(0);
      oscOverflow = false;
      state = OSC;
    } else if (c == 'P' || c == 'X' || c == '^' || c == '_') {
      state = STRING;
    } else if (c >= 0x20 && c <= 0x2f) {
      intermediate = c;
      state = ESCAPE_INTERMEDIATE;
    } else if (c >= 0x30 && c <= 0x7e) {
      state = GROUND;
      sink.esc((char) 0, c);
    } else {
      interrupt(c);
    }
  }

  private void escapeIntermediate(char c) {
    if (c >= 0x20 && c <= 0x2f) {
      intermediate = c;
    } else if (c >= 0x30 && c <= 0x7e) {
      state = GROUND;
      sink.esc(intermediate, c);
    } else {
      interrupt(c);
    }
  }

  private void csi(char c) {
    if (c >= 0x20 && c <= 0x3f) {
      csi.accept(c);
    } else if (c >= 0x40 && c <= 0x7e) {
      state = GROUND;
      if (csi.finish(c)) {
        sink.csi(csi);
      }
    } else if (c != 0x7f) {
      interrupt(c);
    }
  }

  /** A control or non-ASCII character inside an escape or CSI sequence. */
  private void interrupt(char c) {
    if (c == 0x1b) {
      state = ESCAPE;
    } else if (c == 0x18 || c == 0x1a) {
      state = GROUND;
    } else if (c < 0x20) {
      sink.control(c); // executed without leaving the sequence, as a VT does
    } else {
      state = GROUND;
      ground(c);
    }
  }

  private void osc(char c) {
    if (c == 0x07) {
      state = GROUND;
      dispatchOsc();
    } else if (c == 0x1b) {
      state = OSC_ESCAPE;
    } else if (c == 0x18 || c == 0x1a) {
      state = GROUND;
    } else if (c >= 0x20) {
      if (osc.length() < MAX_OSC_CHARS) {
        osc.append(c);
      } else {
        oscOverflow = true;
      }
    }
  }

  private void oscEscape(char c) {
    dispatchOsc();
    state = ESCAPE;
    if (c == '\\') {
      state = GROUND;
    } else {
      escape(c);
    }
  }

  private void dispatchOsc() {
    if (!oscOverflow) {
      sink.osc(osc.toString());
    }
    osc.setLength(0);
  }

  private void string(char c) {
    if (c == 0x1b) {
      state = STRING_ESCAPE;
    } else if (c == 0x18 || c == 0x1a) {
      state = GROUND;
    }
  }

  private void stringEscape(char c) {
    state = ESCAPE;
    if (c == '\\') {
      state = GROUND;
    } else {
      escape(c);
    }
  }
}
