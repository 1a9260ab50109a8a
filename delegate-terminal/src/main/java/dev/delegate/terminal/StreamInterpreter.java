package dev.delegate.terminal;

import java.util.function.Consumer;

/**
 * Applies parsed output to {@link TerminalText}'s line and committed lines (see there for rules).
 */
final class StreamInterpreter implements AnsiParser.Sink {

  private final LineBuffer line;
  private final LineRing lines;
  private final Consumer<String> oscListener;
  private boolean alternateScreen;

  StreamInterpreter(LineBuffer line, LineRing lines, Consumer<String> oscListener) {
    this.line = line;
    this.lines = lines;
    this.oscListener = oscListener;
  }

  boolean alternateScreen() {
    return alternateScreen;
  }

  @Override
  public void print(int codePoint) {
    int width = Width.of(codePoint);
    if (alternateScreen || width == 0) {
      return;
    }
    if (line.column() + width > line.maxColumns()) {
      commit(); // an overlong line wraps
    }
    if (codePoint >= 0x10000) {
      line.put(Character.highSurrogate(codePoint), Character.lowSurrogate(codePoint));
    } else if (width == 2) {
      line.put((char) codePoint, LineBuffer.WIDE_TAIL);
    } else {
      line.put((char) codePoint);
    }
  }

  @Override
  public void control(char c) {
    if (alternateScreen) {
      return;
    }
    switch (c) {
      case '\n' -> commit();
      case '\r' -> line.moveTo(0);
      case '\b' -> line.moveTo(line.column() - 1);
      case '\t' -> line.tab();
      default -> {}
    }
  }

  @Override
  public void csi(Csi csi) {
    if (csi.prefix() == '?' && (csi.finalChar() == 'h' || csi.finalChar() == 'l')) {
      for (int i = 0; i < csi.paramCount(); i++) {
        int mode = csi.param(i, 0);
        if (mode == 1049 || mode == 1047 || mode == 47) {
          alternateScreen = csi.finalChar() == 'h';
        }
      }
    }
    if (alternateScreen || csi.prefix() != 0 || csi.intermediate() != 0) {
      return;
    }
    switch (csi.finalChar()) {
      case 'G', '`' -> line.moveTo(csi.amount(0) - 1);
      case 'C', 'a' -> line.moveTo(line.column() + csi.amount(0));
      case 'D' -> line.moveTo(line.column() - csi.amount(0));
      case 'H', 'f' -> line.moveTo(csi.amount(1) - 1); // the row is ignored, the column kept
      case 'E', 'F' -> line.moveTo(0);
      case 'K' -> line.eraseInLine(csi.param(0, 0));
      case 'X' -> line.eraseChars(csi.amount(0));
      case 'P' -> line.deleteChars(csi.amount(0));
      case '@' -> line.insertBlanks(csi.amount(0));
      default -> {}
    }
  }

  @Override
  public void esc(char intermediate, char finalChar) {
    if (intermediate == 0 && finalChar == 'E' && !alternateScreen) {
      commit(); // NEL
    }
  }

  @Override
  public void osc(String payload) {
    if (oscListener != null) {
      oscListener.accept(payload);
    }
  }

  private void commit() {
    lines.add(line.render(true));
    line.clear();
  }
}
