package dev.delegate.agent.session;

import dev.delegate.agent.pty.PtyCommand;
import dev.delegate.agent.pty.PtyListener;
import dev.delegate.agent.pty.PtyProcessHandle;
import dev.delegate.core.agent.AgentProfile;
import dev.delegate.core.agent.AgentProfile.Submit;
import dev.delegate.terminal.TerminalScreen;
import dev.delegate.terminal.TerminalText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One live agent process in a PTY. Output is read on the PTY's thread and handed, chunk by chunk,
 * to the active {@link Detector}; waiting is done on futures, never by polling.
 */
public final class AgentSession implements PtyListener, DriverSession {
  private static final Logger LOG = LoggerFactory.getLogger(AgentSession.class);
  private static final int RETAINED_CHARS = 2 * SessionContext.DEFAULT_MAX_OUTPUT_CHARS;

  private final int workerId;
  private final AgentProfile profile;
  private final SessionContext context;
  private final Path directory;
  private final Path home;
  private final OscLog osc = new OscLog();
  private final TerminalText text = new TerminalText(RETAINED_CHARS, osc::add);
  private final TerminalScreen screen;
  private final SessionView view;
  private final CompletableFuture<Integer> exit = new CompletableFuture<>();
  private volatile PtyProcessHandle pty;
  private boolean closed;
  private Detector detector;
  private TurnWatcher turn;
  private volatile OutputTap tap = OutputTap.NONE;
  private volatile long lastOutputNanos = System.nanoTime();
  private volatile Throwable killReason;
  private Integer exitedWith; // guarded by this

  public AgentSession(int workerId, AgentProfile profile, SessionContext context, Path directory) {
    this(
        workerId,
        profile,
        context,
        directory,
        directory.resolveSibling(directory.getFileName() + ".home"));
  }

  /**
   * @param home the session's own home directory, used when the profile asks for one
   */
  public AgentSession(
      int workerId, AgentProfile profile, SessionContext context, Path directory, Path home) {
    this.workerId = workerId;
    this.profile = profile;
    this.context = context;
    this.directory = directory;
    this.home = home;
    this.screen =
        profile.readsScreen()
            ? new TerminalScreen(profile.terminal().cols(), profile.terminal().rows())
            : null;
    this.view = new SessionView(text, java.util.Optional.ofNullable(screen), osc);
  }

  /** Starts the agent; the future completes when it shows its ready marker. */
  @Override
  public CompletableFuture<Void> start() {
    ReadyWaiter waiter =
        new ReadyWaiter(profile.startup().ready(), profile.startup().dialogs(), 0, false, view);
    synchronized (this) {
      if (closed) {
        return CompletableFuture.failedFuture(new SessionDiedException("the pool is closing"));
      }
      detector = waiter;
      try {
        pty = PtyProcessHandle.start(command(), "pty-worker-" + workerId, this);
      } catch (IOException | RuntimeException e) {
        detector = null;
        return CompletableFuture.failedFuture(
            new SessionDiedException("cannot start " + profile.command() + ": " + e.getMessage()));
      }
    }
    LOG.info("[Worker {}] started {} (pid {})", workerId, profile.name(), pty.pid());
    return waiter.done.orTimeout(profile.startup().timeoutMs(), TimeUnit.MILLISECONDS);
  }

  /** Types the profile's reset command; completes when the agent is ready again. */
  @Override
  public CompletableFuture<Void> reset() {
    return profile
        .reset()
        .commandIfAny()
        .map(
            command ->
                typeAndWaitReady(
                    command, profile.reset().enterDelayMs(), profile.reset().timeoutMs()))
        .orElseGet(() -> CompletableFuture.completedFuture(null));
  }

  /** Sends the interrupt keys; completes when the agent is ready again. */
  @Override
  public CompletableFuture<Void> interrupt(long graceMillis) {
    return typeAndWaitReady(profile.interruptKeys(), graceMillis);
  }

  /**
   * Types the prompt in the profile's submit style and follows the turn. Must be called while the
   * session is ready. A terminal shows no spending, so the budget is not checked.
   */
  @Override
  public CompletableFuture<TurnEnd> runTurn(String prompt, dev.delegate.core.agent.Budget budget) {
    return runTurn(prompt);
  }

  /** Types the prompt in the profile's submit style and follows the turn. */
  public CompletableFuture<TurnEnd> runTurn(String prompt) {
    lastOutputNanos = System.nanoTime(); // silence before this turn is not a stall of it
    Submit submit = profile.submit();
    String sent = PromptText.sanitize(prompt, submit.style());
    TurnWatcher watcher;
    synchronized (this) {
      requireNoDetector();
      watcher = TurnWatcher.create(profile, context, sent, view, context.clock(), directory);
      detector = watcher;
      turn = watcher;
      abortIfExited();
    }
    try {
      type(PromptText.keys(prompt, submit.style()));
      for (int i = 0; i < submit.enters(); i++) {
        if (submit.enterDelayMs() > 0) {
          Thread.sleep(submit.enterDelayMs());
        }
        type("\r");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      watcher.abort(e);
    } catch (UncheckedIOException e) {
      watcher.abort(new SessionDiedException("cannot type into the agent: " + e.getMessage()));
    }
    return watcher.done;
  }

  /**
   * Stops watching whatever runs (a turn past its timeout, a stalled agent, a failed reset) so the
   * session can be interrupted or restarted.
   *
   * @return what the last turn produced so far
   */
  @Override
  public synchronized TurnEnd abandonTurn(Throwable reason) {
    if (detector != null) {
      detector.abort(reason);
      detector = null;
    }
    return turn == null
        ? new TurnEnd("", java.util.Optional.empty(), false, List.of(), context.clock().instant())
        : turn.snapshot(view);
  }

  /** The terminal's bytes go to both taps unchanged. */
  @Override
  public void setTaps(OutputTap raw, OutputTap view) {
    OutputTap first = raw == null ? OutputTap.NONE : raw;
    OutputTap second = view == null ? OutputTap.NONE : view;
    this.tap =
        first == OutputTap.NONE && second == OutputTap.NONE
            ? OutputTap.NONE
            : (bytes, length) -> {
              first.write(bytes, length);
              second.write(bytes, length);
            };
  }

  @Override
  public long lastOutputNanos() {
    return lastOutputNanos;
  }

  @Override
  public CompletableFuture<Integer> exited() {
    return exit;
  }

  @Override
  public boolean isAlive() {
    PtyProcessHandle handle = pty;
    return handle != null && handle.isAlive();
  }

  /** Asks the agent to exit with its exit command, then kills its process tree. */
  @Override
  public void close() {
    PtyProcessHandle handle;
    synchronized (this) {
      closed = true;
      handle = pty;
    }
    if (handle == null) {
      return;
    }
    if (handle.isAlive() && !profile.exitCommand().isEmpty()) {
      try {
        handle.write(profile.exitCommand() + "\r");
        handle.waitFor(500);
      } catch (IOException e) {
        LOG.debug("[Worker {}] exit command not delivered: {}", workerId, e.toString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    kill();
  }

  /**
   * Kills the agent and everything it started. Takes no lock: a thread blocked writing to a hung
   * agent may hold the session's, and the kill is what unblocks it.
   */
  @Override
  public void kill() {
    kill(null);
  }

  /** Kills the agent; what waits on it fails with {@code reason} (when given). */
  @Override
  public void kill(Throwable reason) {
    if (reason != null) {
      killReason = reason;
    }
    PtyProcessHandle handle = pty;
    if (handle != null) {
      handle.killTree();
    }
  }

  @Override
  public void onOutput(byte[] raw, int length, String chunk) {
    lastOutputNanos = System.nanoTime();
    tap.write(raw, length);
    synchronized (this) {
      text.feed(chunk);
      if (screen != null) {
        screen.feed(chunk);
        String replies = screen.drainReplies();
        if (!replies.isEmpty()) {
          answerTerminalQueries(replies);
        }
      }
      if (detector != null && detector.onOutput(view, this::type)) {
        detector = null;
      }
    }
  }

  @Override
  public void onExit(int exitCode) {
    LOG.info("[Worker {}] {} exited with code {}", workerId, profile.name(), exitCode);
    synchronized (this) {
      exitedWith = exitCode;
      abortIfExited();
    }
    exit.complete(exitCode);
  }

  /**
   * Fails what waits on the agent once its process is gone, whether it died during the wait or just
   * before the wait began (a turn typed into an agent that already exited would otherwise wait for
   * its timeout). Call with the session's lock held.
   */
  private void abortIfExited() {
    if (exitedWith == null || detector == null) {
      return;
    }
    Throwable reason = killReason;
    detector.abort(
        reason != null
            ? reason
            : new SessionDiedException("the agent process exited with code " + exitedWith));
    detector = null;
  }

  private CompletableFuture<Void> typeAndWaitReady(String keys, long timeoutMillis) {
    return typeAndWaitReady(keys, -1, timeoutMillis);
  }

  /** Types {@code keys}, then Enter after {@code enterDelayMillis} unless it is negative. */
  private CompletableFuture<Void> typeAndWaitReady(
      String keys, long enterDelayMillis, long timeoutMillis) {
    lastOutputNanos = System.nanoTime();
    ReadyWaiter waiter;
    synchronized (this) {
      requireNoDetector();
      waiter =
          new ReadyWaiter(profile.startup().ready(), List.of(), text.committedLines(), true, view);
      detector = waiter;
      abortIfExited();
    }
    try {
      if (enterDelayMillis > 0) {
        type(keys);
        Thread.sleep(enterDelayMillis);
        type("\r");
      } else {
        type(enterDelayMillis == 0 ? keys + "\r" : keys);
      }
    } catch (UncheckedIOException e) {
      abandonTurn(new SessionDiedException("cannot type into the agent: " + e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      abandonTurn(e);
    }
    return waiter.done.orTimeout(timeoutMillis, TimeUnit.MILLISECONDS);
  }

  private void requireNoDetector() {
    if (detector != null) {
      throw new IllegalStateException(
          "worker " + workerId + " was given work while still busy: a bug in the pool");
    }
  }

  private void type(String keys) {
    try {
      pty.write(keys);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Cursor position and device attribute reports, as a real terminal would send them. */
  private void answerTerminalQueries(String replies) {
    try {
      pty.write(replies);
    } catch (IOException e) {
      LOG.debug("[Worker {}] terminal reply not delivered: {}", workerId, e.toString());
    }
  }

  private PtyCommand command() throws IOException {
    return AgentCommand.build(profile, context, home, directory);
  }
}
