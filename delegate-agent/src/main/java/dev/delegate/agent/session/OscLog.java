package dev.delegate.agent.session;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The OSC payloads a session's terminal received (window titles, Codex's {@code 7501;state=...}),
 * numbered from 0, the most recent {@link #KEPT} kept.
 */
final class OscLog {
  static final int KEPT = 256;

  private final Deque<String> kept = new ArrayDeque<>();
  private long count;

  synchronized void add(String payload) {
    if (kept.size() == KEPT) {
      kept.removeFirst();
    }
    kept.addLast(payload);
    count++;
  }

  /** How many payloads arrived so far. */
  synchronized long count() {
    return count;
  }

  /** The payloads numbered {@code from} and later that are still kept. */
  synchronized List<String> since(long from) {
    long first = count - kept.size();
    return kept.stream().skip(Math.max(0, from - first)).toList();
  }
}
