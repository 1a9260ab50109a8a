package dev.delegate.terminal;

import java.util.ArrayList;
import java.util.List;

/** Writes every parser event as a readable token. */
final class RecordingSink implements AnsiParser.Sink {
  final List<String> events = new ArrayList<>();

  @Override
  public void print(int codePoint) {
    events.add(Character.toString(codePoint));
  }

  @Override
  public void control(char c) {
    events.add("^" + (int) c);
  }

  @Override
  public void csi(Csi csi) {
    StringBuilder sb = new StringBuilder("CSI");
    if (csi.prefix() != 0) {
      sb.append(csi.prefix());
    }
    for (int i = 0; i < csi.paramCount(); i++) {
      sb.append(i == 0 ? "" : ",").append(csi.param(i, -1));
    }
    if (csi.intermediate() != 0) {
      sb.append(csi.intermediate());
    }
    events.add(sb.append(csi.finalChar()).toString());
  }

  @Override
  public void esc(char intermediate, char finalChar) {
    events.add("ESC" + (intermediate == 0 ? "" : String.valueOf(intermediate)) + finalChar);
  }

  @Override
  public void osc(String payload) {
    events.add("OSC[" + payload + "]");
  }
}
