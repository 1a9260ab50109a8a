package dev.delegate.terminal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Feeds a capture through both views chunk by chunk, as a driver would, and keeps every distinct
 * screen it saw (a driver polls the screen after each chunk, skipping screens that are inside a
 * synchronized update, as they may be half drawn) and every OSC payload with the number of screens
 * seen before it.
 */
final class Replay {

  /** A screen seen after some chunk; {@code offset} is how many chars had been fed. */
  record Frame(int index, int offset, String text) {
    boolean hasRow(String row) {
      return text.lines().anyMatch(row::equals);
    }

    boolean hasRowMatching(Pattern pattern) {
      return text.lines().anyMatch(l -> pattern.matcher(l).matches());
    }
  }

  /** An OSC payload and the number of frames seen before it. */
  record Osc(String payload, int framesBefore) {}

  final TerminalText text = new TerminalText(1 << 20, this::textOsc);
  final TerminalScreen screen;
  final List<Frame> frames = new ArrayList<>();
  final List<Osc> oscs = new ArrayList<>();
  final List<String> textOscs = new ArrayList<>();

  private Replay(int cols, int rows) {
    screen = new TerminalScreen(cols, rows, p -> oscs.add(new Osc(p, frames.size())));
  }

  static Replay of(List<String> chunks, int cols, int rows) {
    return of(chunks, cols, rows, true);
  }

  static Replay of(List<String> chunks, int cols, int rows, boolean skipSynchronizedUpdates) {
    Replay replay = new Replay(cols, rows);
    int offset = 0;
    long version = -1;
    for (String chunk : chunks) {
      replay.text.feed(chunk);
      replay.screen.feed(chunk);
      offset += chunk.length();
      if (skipSynchronizedUpdates && replay.screen.synchronizedUpdate()) {
        continue;
      }
      if (replay.screen.version() != version) {
        version = replay.screen.version();
        String now = replay.screen.screenText();
        if (replay.frames.isEmpty() || !replay.frames.getLast().text().equals(now)) {
          replay.frames.add(new Frame(replay.frames.size(), offset, now));
        }
      }
    }
    return replay;
  }

  private void textOsc(String payload) {
    textOscs.add(payload);
  }

  /** The first frame at or after {@code from} that satisfies {@code condition}, or null. */
  Frame first(int from, Predicate<Frame> condition) {
    return frames.stream().skip(from).filter(condition).findFirst().orElse(null);
  }

  /** The last frame of the run of consecutive frames from {@code start} satisfying {@code c}. */
  Frame settled(Frame start, Predicate<Frame> c) {
    Frame last = start;
    for (int i = start.index() + 1; i < frames.size() && c.test(frames.get(i)); i++) {
      last = frames.get(i);
    }
    return last;
  }

  List<String> payloads(String prefix) {
    return oscs.stream().map(Osc::payload).filter(p -> p.startsWith(prefix)).toList();
  }

  Frame last() {
    return frames.getLast();
  }
}
