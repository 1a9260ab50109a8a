package dev.delegate.scripted;

import static org.awaitility.Awaitility.await;

import com.pty4j.PtyProcess;
import com.pty4j.PtyProcessBuilder;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionFactory;

/** The scripted agent as a real child process in a real PTY, with its output and event log. */
final class AgentProcess implements AutoCloseable {
  static final String ESC = "\u001b";
  static final String ENTER = "\r";
  static final String CTRL_C = "\u0003";
  static final String DOWN = ESC + "[B";
  static final String UP = ESC + "[A";

  private final PtyProcess process;
  private final Path log;
  private final StringBuffer raw = new StringBuffer();

  private AgentProcess(PtyProcess process, Path log) {
    this.process = process;
    this.log = log;
    Thread reader = new Thread(this::readOutput, "agent-output");
    reader.setDaemon(true);
    reader.start();
  }

  static AgentProcess start(Path workDir, String... agentArgs) throws IOException {
    Path log = workDir.resolveSibling(workDir.getFileName() + ".events.log");
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("TERM", "xterm-256color");
    env.put(EventLog.ENV, log.toString());
    PtyProcess process =
        new PtyProcessBuilder(
                ScriptedAgentCommand.command(List.of(agentArgs)).toArray(String[]::new))
            .setDirectory(workDir.toString())
            .setEnvironment(env)
            .setInitialColumns(160)
            .setInitialRows(50)
            .start();
    return new AgentProcess(process, log);
  }

  /** Waits up to 15 s (a loaded CI machine), polling often. */
  static ConditionFactory eventually() {
    return await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(20));
  }

  void type(String text) {
    try {
      process.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
      process.getOutputStream().flush();
    } catch (IOException e) {
      throw new IllegalStateException("cannot type into the agent", e);
    }
  }

  void paste(String text) {
    type(ESC + "[200~" + text + ESC + "[201~");
  }

  String raw() {
    return raw.toString();
  }

  /** The output with escape sequences removed (redraws stay: each shows up again). */
  String plain() {
    return TerminalLines.strip(raw());
  }

  /** The output as a terminal would show it (redraws in place replace the line). */
  List<String> screen() {
    return TerminalLines.render(raw());
  }

  int rawLength() {
    return raw.length();
  }

  int mark() {
    return plain().length();
  }

  String plainSince(int mark) {
    return plain().substring(mark);
  }

  void awaitText(String text) {
    eventually().until(() -> plain().contains(text));
  }

  void awaitTextSince(int mark, String text) {
    eventually().until(() -> plainSince(mark).contains(text));
  }

  /** The prompt is back when the output ends with a line that is just {@code "> "}. */
  void awaitPrompt(int mark) {
    eventually().until(() -> rawEndsWith("\n> ") && plainSince(mark).endsWith("\n> "));
  }

  /** Cheap even after megabytes of output: looks at the tail only. */
  boolean rawEndsWith(String suffix) {
    synchronized (raw) {
      int length = raw.length();
      return length >= suffix.length() && raw.substring(length - suffix.length()).equals(suffix);
    }
  }

  int awaitExit() throws InterruptedException {
    if (!process.waitFor(15, TimeUnit.SECONDS)) {
      throw new AssertionError("the agent did not exit; output:\n" + plain());
    }
    return process.exitValue();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** The agent's events without the READY marks (see {@link #allEvents()}). */
  List<String> events() throws IOException {
    List<String> events = allEvents();
    events.removeIf(e -> e.equals("READY"));
    return events;
  }

  List<String> allEvents() throws IOException {
    return Files.exists(log) ? new ArrayList<>(Files.readAllLines(log)) : new ArrayList<>();
  }

  @Override
  public void close() {
    ProcessHandle.of(process.pid())
        .ifPresent(handle -> handle.descendants().forEach(ProcessHandle::destroyForcibly));
    process.destroyForcibly();
  }

  private void readOutput() {
    try (Reader in = new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)) {
      char[] buffer = new char[8192];
      int n;
      while ((n = in.read(buffer)) >= 0) {
        raw.append(buffer, 0, n);
      }
    } catch (IOException e) {
      // the PTY closed: the agent exited
    }
  }
}
