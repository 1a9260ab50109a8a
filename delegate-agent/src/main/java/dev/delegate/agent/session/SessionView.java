package dev.delegate.agent.session;

import dev.delegate.terminal.TerminalScreen;
import dev.delegate.terminal.TerminalText;
import java.util.List;
import java.util.Optional;

/**
 * What detectors read: the stream of lines, the live screen (for profiles that read it) and the OSC
 * payloads received.
 */
record SessionView(TerminalText text, Optional<TerminalScreen> screen, OscLog osc) {

  /** The screen's rows, or none while a frame is being drawn (it may be half drawn). */
  Optional<List<String>> settledRows() {
    return screen.filter(s -> !s.synchronizedUpdate()).map(TerminalScreen::rows);
  }

  /** The screen's rows now, drawn or not; empty without a screen. */
  List<String> rows() {
    return screen.map(TerminalScreen::rows).orElse(List.of());
  }
}
