package dev.delegate.scripted;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.ProcessBuilder.Redirect;
import java.util.Iterator;

/**
 * {@code run}: a real {@code /bin/sh -c} in the working directory, stdin from /dev/null, output
 * shown indented as it comes, then the exit code. Ctrl-C kills the command and its children.
 */
final class ShellTool {
  private static final long POLL_MILLIS = 15;

  private final Session session;
  private final Screen screen;
  private boolean atLineStart;

  ShellTool(Session session) {
    this.session = session;
    this.screen = session.screen;
  }

  void run(String command) {
    String details =
        "I will run the following shell command: "
            + Ansi.CRLF
            + Screen.agentLines(Ansi.CYAN, command);
    if (!session.permissions.request(Tools.EXECUTE_BASH, details)) {
      return;
    }
    screen.flush();
    Process process;
    try {
      process = start(command, session.workDir);
    } catch (IOException e) {
      screen.line(Ansi.RED + " ✗ Cannot run the command: " + e.getMessage() + Ansi.RESET);
      return;
    }
    atLineStart = true;
    try {
      pump(process);
      int code = process.waitFor();
      endLine();
      screen.line((code == 0 ? Ansi.GREEN : Ansi.RED) + " ● Exit code: " + code + Ansi.RESET);
    } catch (IOException e) {
      endLine();
      screen.line(Ansi.RED + " ✗ Lost the command's output: " + e.getMessage() + Ansi.RESET);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      kill(process);
    }
  }

  /** {@code /bin/sh -c COMMAND} in {@code dir}, stdin from /dev/null, stderr into stdout. */
  static Process start(String command, File dir) throws IOException {
    return new ProcessBuilder("/bin/sh", "-c", command)
        .directory(dir)
        .redirectErrorStream(true)
        .redirectInput(Redirect.from(new File("/dev/null")))
        .start();
  }

  /** Copies output while the command runs; polls so Ctrl-C is seen without a second thread. */
  private void pump(Process process) throws IOException {
    InputStream in = process.getInputStream();
    byte[] buffer = new byte[8192];
    while (true) {
      int available = in.available();
      if (available > 0) {
        show(buffer, in.read(buffer, 0, Math.min(available, buffer.length)));
      } else if (!process.isAlive()) {
        if (in.available() == 0) {
          return;
        }
      } else if (session.keys.awaitInterrupt(POLL_MILLIS)) {
        kill(process);
        endLine();
        throw new Interrupted();
      }
    }
  }

  /** Shows output bytes, each line indented by two spaces and ended with CR LF. */
  private void show(byte[] bytes, int length) {
    int start = 0;
    for (int i = 0; i < length; i++) {
      if (atLineStart) {
        screen.print("  ");
        atLineStart = false;
      }
      if (bytes[i] == '\n') {
        screen.write(bytes, start, i - start);
        screen.print(Ansi.CRLF);
        start = i + 1;
        atLineStart = true;
      }
    }
    screen.write(bytes, start, length - start);
    screen.flush();
  }

  private void endLine() {
    if (!atLineStart) {
      screen.print(Ansi.CRLF);
      atLineStart = true;
    }
  }

  /** Kills the command and every process it started. */
  static void kill(Process process) {
    Iterator<ProcessHandle> children = process.descendants().iterator();
    while (children.hasNext()) {
      children.next().destroyForcibly();
    }
    process.destroyForcibly();
  }
}
