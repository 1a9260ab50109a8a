package dev.delegate.core.criteria;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Runs a criterion's check command in a job's workspace: {@code /bin/sh -c COMMAND} (a person wrote
 * it, so a shell is fine), standard input empty, standard error with standard output, the
 * environment of the agent minus anything that looks like a secret, and a timeout after which the
 * whole process tree is killed. Exit code 0 means met.
 */
public final class CheckCommand {
  /** How much of the output's end is kept as evidence, in characters. */
  public static final int TAIL = 1500;

  private static final Pattern SECRET_NAME =
      Pattern.compile("(?i).*(KEY|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL|AUTH).*");

  private final Duration timeout;
  private final Map<String, String> environment;

  /**
   * @param environment the agent's environment; variables whose names look like secrets, and
   *     Delegate's own ({@code DELEGATE_*}), are left out
   */
  public CheckCommand(Duration timeout, Map<String, String> environment) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, was " + timeout);
    }
    this.timeout = timeout;
    this.environment = withoutSecrets(environment);
  }

  static Map<String, String> withoutSecrets(Map<String, String> environment) {
    Map<String, String> env = new java.util.HashMap<>(environment);
    env.keySet()
        .removeIf(name -> name.startsWith("DELEGATE_") || SECRET_NAME.matcher(name).matches());
    return Map.copyOf(env);
  }

  /** Runs {@code criterion}'s check in {@code directory}; interrupted: the process is killed. */
  public CriterionVerdict run(Criterion criterion, Path directory) throws InterruptedException {
    String command =
        criterion
            .check()
            .orElseThrow(() -> new IllegalArgumentException("the criterion has no check"));
    ProcessBuilder builder =
        new ProcessBuilder("/bin/sh", "-c", command)
            .directory(directory.toFile())
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    builder.environment().clear();
    builder.environment().putAll(environment);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      return new CriterionVerdict(
          criterion,
          Verdict.UNKNOWN,
          "the check could not start: " + e.getMessage(),
          Optional.empty());
    }
    Tail tail = new Tail(process.getInputStream());
    Thread reader = Thread.ofVirtual().name("check-output").start(tail);
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        kill(process);
        reader.join(1000);
        return new CriterionVerdict(
            criterion,
            Verdict.NOT_MET,
            tail.text() + "\n(the check did not finish within " + timeout.toSeconds() + " s)",
            Optional.empty());
      }
      reader.join(timeout.toMillis());
      int code = process.exitValue();
      return new CriterionVerdict(
          criterion, code == 0 ? Verdict.MET : Verdict.NOT_MET, tail.text(), Optional.of(code));
    } catch (InterruptedException e) {
      kill(process);
      throw e;
    }
  }

  private static void kill(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  /** Reads a process's output to its end, keeping the last {@link #TAIL} characters' worth. */
  private static final class Tail implements Runnable {
    private final InputStream in;
    private final byte[] ring = new byte[TAIL * 4];
    private long total;

    Tail(InputStream in) {
      this.in = in;
    }

    @Override
    public void run() {
      byte[] buffer = new byte[8192];
      try (in) {
        int n;
        while ((n = in.read(buffer)) > 0) {
          synchronized (this) {
            for (int i = 0; i < n; i++) {
              ring[(int) (total++ % ring.length)] = buffer[i];
            }
          }
        }
      } catch (IOException e) {
        // the process was killed or closed its output: what was read is the tail
      }
    }

    synchronized String text() {
      int length = (int) Math.min(total, ring.length);
      byte[] last = new byte[length];
      for (int i = 0; i < length; i++) {
        last[i] = ring[(int) ((total - length + i) % ring.length)];
      }
      String text = new String(last, StandardCharsets.UTF_8).strip();
      return CriterionVerdict.tail(text, TAIL);
    }
  }
}
