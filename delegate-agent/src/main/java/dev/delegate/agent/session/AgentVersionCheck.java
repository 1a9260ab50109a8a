package dev.delegate.agent.session;

import dev.delegate.agent.profile.VersionNumber;
import dev.delegate.agent.pty.PtyCommand;
import dev.delegate.core.DurationText;
import dev.delegate.core.PermanentException;
import dev.delegate.core.agent.AgentProfile;
import dev.delegate.core.agent.AgentProfile.TestedRange;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.stream.Stream;

/**
 * Reads the version of a profile's CLI and compares it with the versions the profile was tested
 * with. The version command runs as the agent would (its environment, its home variables pointing
 * at an empty scratch directory that is removed afterwards), with nothing on its standard input and
 * within a time limit, after which its process tree is killed.
 */
public final class AgentVersionCheck {
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);
  static final int MAX_OUTPUT_BYTES = 64 * 1024;
  private static final int EXCERPT_CHARS = 200;

  private AgentVersionCheck() {}

  /** What the check found. */
  public sealed interface Outcome {}

  /** The profile declares no tested versions, so its CLI's version is not read. */
  public record NotChecked() implements Outcome {}

  /** The CLI runs a version the profile was tested with. */
  public record Tested(String version) implements Outcome {}

  /**
   * The CLI's version is outside the tested range, or could not be read.
   *
   * @param problem names the profile, the version seen (or what went wrong) and the tested range
   */
  public record Untested(String problem) implements Outcome {}

  /**
   * Runs the profile's version command when the profile declares tested versions.
   *
   * @param environment the environment the agent starts with (the profile's env is added)
   * @throws PermanentException when the profile's tested range is not made of version numbers
   */
  public static Outcome check(
      AgentProfile profile, Map<String, String> environment, Duration timeout) {
    AgentProfile.Version spec = profile.version();
    if (!spec.checked()) {
      return new NotChecked();
    }
    TestedRange tested = spec.tested();
    VersionNumber from = declared(profile, tested.from());
    VersionNumber to = declared(profile, tested.to());
    if (from.compareTo(to) > 0) {
      throw new PermanentException(
          "agent profile '"
              + profile.name()
              + "' declares tested versions from a later version ("
              + tested.from()
              + ") to an earlier one ("
              + tested.to()
              + ")");
    }
    String testedWith = "; it was tested with " + tested;
    String unreadable =
        "agent profile '"
            + profile.name()
            + "' cannot read the version of "
            + profile.displayName()
            + ": ";
    Path scratch = scratchDirectory();
    PtyCommand command = AgentCommand.version(profile, environment, scratch);
    String shown = "`" + String.join(" ", command.argv()) + "`";
    try {
      Run run = run(command, timeout);
      if (run.timedOut()) {
        return new Untested(
            unreadable + shown + " did not finish within " + DurationText.of(timeout) + testedWith);
      }
      if (run.exitCode() != 0) {
        return new Untested(
            unreadable
                + shown
                + " exited with "
                + run.exitCode()
                + excerpt(run.output())
                + testedWith);
      }
      Matcher matcher = spec.pattern().matcher(run.output());
      if (!matcher.find()) {
        return new Untested(
            unreadable
                + shown
                + " printed no version matching '"
                + spec.pattern()
                + "'"
                + excerpt(run.output())
                + testedWith);
      }
      String seen =
          spec.pattern().namedGroups().containsKey("version")
              ? matcher.group("version")
              : matcher.group();
      Optional<VersionNumber> version = VersionNumber.parse(seen);
      if (version.isEmpty()) {
        return new Untested(
            unreadable
                + shown
                + " printed '"
                + seen
                + "', which is not a version number"
                + testedWith);
      }
      if (!version.get().within(from, to)) {
        return new Untested(
            "agent profile '"
                + profile.name()
                + "' runs "
                + profile.displayName()
                + " "
                + seen
                + ", outside the versions it was tested with ("
                + tested
                + ")");
      }
      return new Tested(seen);
    } catch (IOException e) {
      return new Untested(
          unreadable + shown + " cannot be started (" + cause(e) + ")" + testedWith);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PermanentException("interrupted while reading the agent's version", e);
    } finally {
      deleteTree(scratch);
    }
  }

  private static Path scratchDirectory() {
    try {
      return Files.createTempDirectory("delegate-version-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a directory to read a version in", e);
    }
  }

  private record Run(boolean timedOut, int exitCode, String output) {}

  private static Run run(PtyCommand command, Duration timeout)
      throws IOException, InterruptedException {
    Path output = Files.createTempFile("delegate-version-", ".out");
    try {
      ProcessBuilder builder =
          new ProcessBuilder(command.argv())
              .directory(command.directory().toFile())
              .redirectErrorStream(true)
              .redirectOutput(output.toFile());
      builder.environment().clear();
      builder.environment().putAll(command.environment());
      Process process = builder.start();
      process.getOutputStream().close();
      boolean exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!exited) {
        killTree(process);
        return new Run(true, -1, read(output));
      }
      return new Run(false, process.exitValue(), read(output));
    } finally {
      Files.deleteIfExists(output);
    }
  }

  private static void killTree(Process process) throws InterruptedException {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    process.waitFor(5, TimeUnit.SECONDS);
  }

  private static String read(Path output) throws IOException {
    try (InputStream in = Files.newInputStream(output)) {
      return new String(in.readNBytes(MAX_OUTPUT_BYTES), StandardCharsets.UTF_8);
    }
  }

  private static VersionNumber declared(AgentProfile profile, String text) {
    return VersionNumber.parse(text)
        .orElseThrow(
            () ->
                new PermanentException(
                    "agent profile '"
                        + profile.name()
                        + "' declares tested version '"
                        + text
                        + "', which is not a version number"));
  }

  /** Why the program could not be run, without the "Cannot run program …" that repeats it. */
  private static String cause(IOException e) {
    String message = String.valueOf(e.getMessage());
    int end = message.lastIndexOf("): ");
    return (end < 0 ? message : message.substring(end + 3)).strip();
  }

  /** A short, one-line excerpt of what the command printed. */
  static String excerpt(String output) {
    String line = output.replaceAll("\\p{Cntrl}\\[[0-9;?]*[A-Za-z]", "").replaceAll("\\s+", " ");
    line = line.strip();
    if (line.isEmpty()) {
      return " (no output)";
    }
    if (line.length() > EXCERPT_CHARS) {
      line = line.substring(0, EXCERPT_CHARS) + "…";
    }
    return " (output: \"" + line + "\")";
  }

  private static void deleteTree(Path directory) {
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(AgentVersionCheck::deleteQuietly);
    } catch (IOException e) {
      // a scratch directory left in the temporary folder does no harm
    }
  }

  private static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // as above
    }
  }
}
