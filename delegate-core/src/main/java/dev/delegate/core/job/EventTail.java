package dev.delegate.core.job;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.LongSupplier;

/**
 * Reads the store's event log ({@link JobStore#eventsAfter}) as it grows, handing out each event
 * once, none missed. Sequence numbers are not a perfect cursor: with several writers an event may
 * commit after a higher one was read, and numbers may be skipped for good (a transaction rolled
 * back). So the tail keeps a {@link #position()}: every event up to it was handed out, or its
 * number stayed empty for {@link #DEFAULT_GRACE}; above it, the numbers still missing are looked
 * for again at each {@link #poll()} until they turn up or their grace runs out.
 *
 * <p>Not thread-safe: one reader polls it.
 */
public final class EventTail {
  /**
   * How long a missing number is waited for: far longer than a transaction that writes an event.
   */
  public static final Duration DEFAULT_GRACE = Duration.ofSeconds(10);

  /** Events read per query. */
  static final int BATCH = 500;

  /** A gap this wide is a jump of the numbering (a restart, a sequence cache), not writers. */
  static final long WIDEST_WAIT = 10_000;

  /** Where the tail reads: {@link JobStore#eventsAfter}. */
  @FunctionalInterface
  public interface Log {
    List<JobEvent> after(long sequence, int limit);
  }

  private final Log store;
  private final long graceNanos;
  private final LongSupplier nanoTime;
  private final TreeSet<Long> handedOut = new TreeSet<>();
  private final Map<Long, Long> missingSince = new HashMap<>();
  private long position;

  /** A tail that starts after {@code position}: the events up to it are not handed out. */
  public EventTail(Log store, long position) {
    this(store, position, DEFAULT_GRACE, System::nanoTime);
  }

  EventTail(Log store, long position, Duration grace, LongSupplier nanoTime) {
    this.store = store;
    this.position = Math.max(0, position);
    this.graceNanos = grace.toNanos();
    this.nanoTime = nanoTime;
  }

  /** A tail that starts at the end of the log: only events recorded from now on are handed out. */
  public static EventTail atEnd(JobStore store) {
    return new EventTail(store::eventsAfter, store.lastEventSequence());
  }

  /** A tail of {@code store} that starts after {@code position}. */
  public static EventTail after(JobStore store, long position) {
    return new EventTail(store::eventsAfter, position);
  }

  /**
   * Every event up to this sequence was handed out (or its number stayed empty past the grace): a
   * reader that starts again from here misses nothing, though it may see again events handed out
   * above it.
   */
  public long position() {
    return position;
  }

  /** The events recorded since the last poll, and late ones below them, each once, by sequence. */
  public List<JobEvent> poll() {
    List<JobEvent> fresh = new ArrayList<>();
    long after = position;
    while (true) {
      List<JobEvent> batch = store.after(after, BATCH);
      for (JobEvent event : batch) {
        if (handedOut.add(event.sequence())) {
          fresh.add(event);
          missingSince.remove(event.sequence());
        }
      }
      if (batch.size() < BATCH) {
        break;
      }
      after = batch.getLast().sequence();
    }
    advance();
    return fresh;
  }

  private void advance() {
    if (handedOut.isEmpty()) {
      return;
    }
    long now = nanoTime.getAsLong();
    long highest = handedOut.last();
    if (highest - position > WIDEST_WAIT) {
      // a jump in the numbering: wait for nothing below the first number handed out
      long first = handedOut.first();
      if (first - position > WIDEST_WAIT) {
        position = first - 1;
      }
    }
    for (long n = position + 1; n < highest; n++) {
      if (!handedOut.contains(n)) {
        missingSince.putIfAbsent(n, now);
      }
    }
    while (true) {
      long next = position + 1;
      if (handedOut.remove(next)) {
        position = next;
      } else if (missingSince.containsKey(next) && now - missingSince.get(next) >= graceNanos) {
        missingSince.remove(next);
        position = next;
      } else {
        return;
      }
    }
  }
}
