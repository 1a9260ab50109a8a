package dev.delegate.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.delegate.server.http.EventStream;
import dev.delegate.server.http.Http;
import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * What {@code submit} and {@code status --follow} show while a job is at work: a line per state
 * ({@link StateLines}) and, between them, the agent's latest output line from the job's terminal
 * stream ({@code GET /api/jobs/{id}/terminal}). On a terminal one line below the state lines is
 * drawn again in place every second with the time since the job was created, its state and that
 * line; elsewhere (a file, a pipe, CI) a plain line is added only when the agent printed something
 * new, at most one per {@link #PLAIN_EVERY}.
 */
final class JobProgress implements Consumer<JsonNode>, AutoCloseable {
  /** Between plain progress lines. */
  static final Duration PLAIN_EVERY = Duration.ofSeconds(10);

  /** Between redraws of the terminal's line. */
  static final Duration LIVE_EVERY = Duration.ofSeconds(1);

  private final PrintWriter out;
  private final boolean live;
  private final int width;
  private final Duration plainEvery;
  private final Clock clock;
  private final StateLines states;
  private final LastLine agent = new LastLine();
  private ScheduledExecutorService ticker;
  private Thread reader;
  private volatile EventStream terminal;
  private volatile boolean closed;

  private String state = "";
  private Instant since;
  private Instant lastPlain;
  private String lastPlainLine = "";

  JobProgress(PrintWriter out, boolean live, int width, Duration plainEvery, Clock clock) {
    this.out = out;
    this.live = live;
    this.width = width;
    this.plainEvery = plainEvery;
    this.clock = clock;
    this.states = new StateLines(out);
    this.since = clock.instant();
    this.lastPlain = since;
  }

  /** For this process's standard output: in place when it is a terminal. */
  static JobProgress forConsole(PrintWriter out, boolean console) {
    return new JobProgress(out, console, terminalWidth(), PLAIN_EVERY, Clock.systemUTC());
  }

  /** Starts the redraws and reads the job's terminal stream until {@link #close}. */
  JobProgress watch(ApiClient client, String jobId) {
    ticker =
        Executors.newSingleThreadScheduledExecutor(
            task -> Thread.ofPlatform().daemon().name("progress").unstarted(task));
    Duration every = live ? LIVE_EVERY : Duration.ofMillis(Math.max(50, plainEvery.toMillis() / 4));
    var unused =
        ticker.scheduleAtFixedRate(
            this::tick, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    reader = Thread.ofVirtual().name("terminal-" + jobId).start(() -> readTerminal(client, jobId));
    return this;
  }

  @Override
  public synchronized void accept(JsonNode job) {
    if (live) {
      out.print(ProgressLine.REDRAW);
    }
    states.accept(job);
    state = job.path("state").asText();
    since = created(job).orElse(since);
    if (live && Exit.isActive(state)) {
      out.print(ProgressLine.live(elapsed(), state, agentLine(), width));
    }
    lastPlain = clock.instant();
    out.flush();
  }

  /** Takes the agent's output, as its terminal stream sends it. */
  void output(String text) {
    agent.add(text);
  }

  /** Draws the terminal's line again, or adds a plain line when it is due and there is news. */
  synchronized void tick() {
    if (closed || !Exit.isActive(state)) {
      return;
    }
    if (live) {
      out.print(ProgressLine.REDRAW + ProgressLine.live(elapsed(), state, agentLine(), width));
    } else {
      String line = agentLine();
      Instant now = clock.instant();
      if (line.isEmpty()
          || line.equals(lastPlainLine)
          || Duration.between(lastPlain, now).compareTo(plainEvery) < 0) {
        return;
      }
      out.println(ProgressLine.plain(elapsed(), state, line));
      lastPlain = now;
      lastPlainLine = line;
    }
    out.flush();
  }

  /** Stops the redraws and the stream; clears the terminal's line. */
  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      if (live) {
        out.print(ProgressLine.REDRAW);
        out.flush();
      }
    }
    if (ticker != null) {
      ticker.shutdownNow();
    }
    EventStream stream = terminal;
    if (stream != null) {
      stream.close();
    }
    if (reader != null) {
      reader.interrupt();
    }
  }

  private void readTerminal(ApiClient client, String jobId) {
    String path = "/api/jobs/" + URLEncoder.encode(jobId, StandardCharsets.UTF_8) + "/terminal";
    while (!closed) {
      try (EventStream events = client.stream(path)) {
        terminal = events;
        if (events.status() != 200) {
          return; // an older server, or a job it cannot show: the state lines still come
        }
        while (!closed) {
          Optional<EventStream.Event> event = events.next(JobFollower.SILENCE);
          if (event.isEmpty()) {
            break;
          }
          switch (event.get().name()) {
            case "output" -> output(decode(event.get().data()));
            case "end", "unavailable" -> {
              return;
            }
            default -> {
              // start, lost: nothing to show
            }
          }
        }
      } catch (IOException | RuntimeException broken) {
        // a broken stream: open it again while the job is followed
      } catch (InterruptedException e) {
        return;
      }
      try {
        Thread.sleep(JobFollower.RECONNECT.toMillis());
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private static String decode(String data) throws IOException {
    String base64 = Http.JSON.readTree(data).asText();
    return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
  }

  /** The agent's latest line while it works; before and after, its prompt is no news. */
  private String agentLine() {
    return state.equals("RUNNING") ? agent.get() : "";
  }

  private Duration elapsed() {
    return Duration.between(since, clock.instant());
  }

  private static Optional<Instant> created(JsonNode job) {
    try {
      return Optional.of(Instant.parse(job.path("createdAt").asText()));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /**
   * Whether this process talks to a terminal (not a file or a pipe): JDK 21's {@code
   * System.console()} is null otherwise; later JDKs return one anyway and tell by {@code
   * isTerminal()}.
   */
  @SuppressWarnings("SystemConsoleNull") // checked for JDK 22+ below
  static boolean onTerminal() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    if (Runtime.version().feature() < 22) {
      return true;
    }
    try {
      return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException e) {
      return false;
    }
  }

  /** The terminal's columns, as the shell exports them; 80 when it does not. */
  static int terminalWidth() {
    try {
      return Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "80").strip());
    } catch (NumberFormatException e) {
      return 80;
    }
  }
}
