package dev.delegate.agent.pty;

import com.pty4j.PtyProcess;
import com.pty4j.PtyProcessBuilder;
import com.pty4j.WinSize;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real process in a pseudo-terminal (pty4j), read by one platform thread: PTY reads block in
 * native code, which would pin a virtual thread's carrier.
 */
public final class PtyProcessHandle implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PtyProcessHandle.class);
  private static final int READ_BUFFER = 16 * 1024;
  private static final long READER_STACK = 256 * 1024;

  private final PtyProcess process;
  private final OutputStream input;
  private final AtomicBoolean closed = new AtomicBoolean();

  private PtyProcessHandle(PtyProcess process) {
    this.process = process;
    this.input = process.getOutputStream();
  }

  /** Starts the command and a reader thread that feeds {@code listener}. */
  public static PtyProcessHandle start(PtyCommand command, String threadName, PtyListener listener)
      throws IOException {
    PtyProcess process =
        new PtyProcessBuilder(command.argv().toArray(String[]::new))
            .setEnvironment(command.environment())
            .setDirectory(command.directory().toString())
            .setInitialColumns(command.cols())
            .setInitialRows(command.rows())
            .setConsole(false)
            .start();
    process.setWinSize(new WinSize(command.cols(), command.rows()));
    PtyProcessHandle handle = new PtyProcessHandle(process);
    Thread.ofPlatform()
        .name(threadName)
        .daemon()
        .stackSize(READER_STACK)
        .start(() -> handle.readLoop(listener));
    return handle;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Types text into the terminal. */
  public synchronized void write(String keys) throws IOException {
    input.write(keys.getBytes(StandardCharsets.UTF_8));
    input.flush();
  }

  /** Kills the process and everything it started, at once. */
  public void killTree() {
    if (!process.isAlive()) {
      return; // its pid may already belong to another process
    }
    // pty4j's process does not offer toHandle(); the pid does
    ProcessHandle.of(process.pid())
        .ifPresent(root -> root.descendants().forEach(ProcessHandle::destroyForcibly));
    process.destroyForcibly();
  }

  /** Waits for the process to end. */
  public boolean waitFor(long millis) throws InterruptedException {
    return process.waitFor(millis, TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      killTree();
    }
  }

  private void readLoop(PtyListener listener) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    byte[] buffer = new byte[READ_BUFFER];
    ByteBuffer pending = ByteBuffer.allocate(READ_BUFFER + 8);
    CharBuffer chars = CharBuffer.allocate(READ_BUFFER + 8);
    try (InputStream output = process.getInputStream()) {
      int n;
      while ((n = output.read(buffer)) > 0) {
        pending.put(buffer, 0, n).flip();
        chars.clear();
        decoder.decode(pending, chars, false);
        pending.compact();
        chars.flip();
        listener.onOutput(buffer, n, chars.toString());
      }
    } catch (IOException e) {
      LOG.debug("PTY read ended: {}", e.toString());
    } catch (RuntimeException | StackOverflowError e) {
      LOG.error("PTY listener failed; the session will be restarted", e);
      killTree();
    }
    int exitCode;
    try {
      exitCode = process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      exitCode = -1;
    }
    listener.onExit(exitCode);
  }
}
