package dev.delegate.agent.pool;

import dev.delegate.agent.session.OutputTap;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Live terminal output for viewers: per worker, the raw PTY bytes of its current (or last) turn in
 * a bounded ring (the oldest bytes are dropped), and subscriptions that follow a worker or a job:
 * first what is buffered, then new chunks as the agent prints them, and an end marker when the turn
 * ends.
 *
 * <p>The PTY reader never waits for a viewer: each subscription has a bounded queue of chunks; when
 * it is full, chunks are dropped and the subscriber is told how many bytes it lost ({@link Lost}).
 * Start and end markers are always delivered.
 */
public final class TerminalFeed {
  public static final int DEFAULT_BUFFER_BYTES = 512 * 1024;
  public static final int DEFAULT_QUEUE_CHUNKS = 512;

  /** What a subscriber receives. */
  public sealed interface Item permits Started, Chunk, Lost, Ended {}

  /** A turn began (or, on replay, had begun) on a worker. */
  public record Started(int workerId, String jobId) implements Item {}

  /** Raw terminal bytes, in order; compared by identity (a chunk is never looked up by value). */
  @SuppressWarnings("ArrayRecordComponent")
  public record Chunk(byte[] bytes) implements Item {}

  /** Bytes the subscriber did not get: dropped from the ring before it came, or while it lagged. */
  public record Lost(long bytes) implements Item {}

  /** The turn ended. */
  public record Ended(int workerId, String jobId) implements Item {}

  private final int bufferBytes;
  private final int queueChunks;
  private final AtomicInteger sequence = new AtomicInteger();
  private final Map<Integer, Turn> turns = new HashMap<>();
  private final List<Subscription> subscriptions = new ArrayList<>();

  public TerminalFeed() {
    this(DEFAULT_BUFFER_BYTES, DEFAULT_QUEUE_CHUNKS);
  }

  public TerminalFeed(int bufferBytes, int queueChunks) {
    if (bufferBytes < 1 || queueChunks < 1) {
      throw new IllegalArgumentException("buffer and queue sizes must be positive");
    }
    this.bufferBytes = bufferBytes;
    this.queueChunks = queueChunks;
  }

  /** Starts a new turn on a worker; what the returned tap sees goes to the subscribers. */
  public Turn begin(int workerId, String jobId) {
    Turn turn = new Turn(workerId, jobId, sequence.incrementAndGet(), new ByteRing(bufferBytes));
    synchronized (this) {
      turns.put(workerId, turn);
      for (Subscription s : subscriptions) {
        if (s.filter.test(turn)) {
          s.current = turn;
          s.control(new Started(workerId, jobId));
        }
      }
    }
    return turn;
  }

  /** Follows one worker: its current turn replayed, then every turn it runs. */
  public Subscription followWorker(int workerId) {
    return follow(turn -> turn.workerId == workerId);
  }

  /**
   * Follows one job: its turn replayed when one is buffered (running or ended), else the first turn
   * that starts for it.
   */
  public Subscription followJob(String jobId) {
    Objects.requireNonNull(jobId, "jobId");
    return follow(turn -> turn.jobId.equals(jobId));
  }

  /** The job's buffered turn, whether it runs, ended or is not here. */
  public synchronized TurnStatus status(String jobId) {
    Turn turn = latest(t -> t.jobId.equals(jobId));
    if (turn == null) {
      return TurnStatus.UNKNOWN;
    }
    return turn.ended ? TurnStatus.ENDED : TurnStatus.RUNNING;
  }

  /** Where a job's turn stands in this feed. */
  public enum TurnStatus {
    UNKNOWN,
    RUNNING,
    ENDED
  }

  private synchronized Subscription follow(Predicate<Turn> filter) {
    Subscription s = new Subscription(filter);
    Turn turn = latest(filter);
    if (turn != null) {
      s.current = turn;
      s.control(new Started(turn.workerId, turn.jobId));
      if (turn.ring.dropped() > 0) {
        s.control(new Lost(turn.ring.dropped()));
      }
      byte[] buffered = turn.ring.snapshot();
      if (buffered.length > 0) {
        s.control(new Chunk(buffered));
      }
      if (turn.ended) {
        s.control(new Ended(turn.workerId, turn.jobId));
      }
    }
    subscriptions.add(s);
    return s;
  }

  private Turn latest(Predicate<Turn> filter) {
    Turn found = null;
    for (Turn turn : turns.values()) {
      if (filter.test(turn) && (found == null || turn.sequence > found.sequence)) {
        found = turn;
      }
    }
    return found;
  }

  private synchronized void append(Turn turn, byte[] raw, int length) {
    if (turn.ended || length <= 0) {
      return;
    }
    turn.ring.write(raw, length);
    byte[] copy = null;
    for (Subscription s : subscriptions) {
      if (s.current == turn) {
        copy = copy == null ? java.util.Arrays.copyOf(raw, length) : copy;
        s.data(copy);
      }
    }
  }

  private synchronized void end(Turn turn) {
    if (turn.ended) {
      return;
    }
    turn.ended = true;
    for (Subscription s : subscriptions) {
      if (s.current == turn) {
        s.flushLost();
        s.control(new Ended(turn.workerId, turn.jobId));
      }
    }
  }

  private synchronized void remove(Subscription s) {
    subscriptions.remove(s);
  }

  synchronized int subscriberCount() {
    return subscriptions.size();
  }

  /** One turn's output; the tap the session writes to. {@link #end()} when the turn is over. */
  public final class Turn implements OutputTap {
    final int workerId;
    final String jobId;
    final int sequence;
    final ByteRing ring;
    boolean ended;

    private Turn(int workerId, String jobId, int sequence, ByteRing ring) {
      this.workerId = workerId;
      this.jobId = jobId;
      this.sequence = sequence;
      this.ring = ring;
    }

    @Override
    public void write(byte[] raw, int length) {
      append(this, raw, length);
    }

    public void end() {
      TerminalFeed.this.end(this);
    }
  }

  /** A viewer's queue. Close it when the viewer goes, or the feed keeps offering it output. */
  public final class Subscription implements AutoCloseable {
    private final Predicate<Turn> filter;
    private final LinkedBlockingQueue<Item> queue = new LinkedBlockingQueue<>();
    private int queuedChunks;
    private long lost;
    private Turn current;

    private Subscription(Predicate<Turn> filter) {
      this.filter = filter;
    }

    /** The next item, or null when none came within the timeout. */
    public Item poll(Duration timeout) throws InterruptedException {
      Item item = queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
      if (item instanceof Chunk) {
        synchronized (TerminalFeed.this) {
          queuedChunks--;
        }
      }
      return item;
    }

    @Override
    public void close() {
      remove(this);
    }

    private void control(Item item) {
      queue.add(item);
    }

    private void data(byte[] bytes) {
      if (queuedChunks >= queueChunks) {
        lost += bytes.length;
        return;
      }
      flushLost();
      queuedChunks++;
      queue.add(new Chunk(bytes));
    }

    private void flushLost() {
      if (lost > 0) {
        queue.add(new Lost(lost));
        lost = 0;
      }
    }
  }
}
