package dev.delegate.bench;

import dev.delegate.testkit.model.ModelServer;
import dev.delegate.testkit.model.Scenario;
import dev.delegate.testkit.model.Step;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The scripted model of the sizing benchmark, in a JVM of its own so that the CPU it spends
 * answering is not counted as Delegate's. Each conversation writes the file its prompt names
 * ({@code note-NAME.md}) and ends the turn. Run as a main, it prints {@code MODEL <url> <key>} and
 * serves until its standard input closes.
 */
final class SizingModel implements AutoCloseable {
  private static final Pattern FILE = Pattern.compile("note-[a-z0-9]+\\.md");
  private final Process process;
  private final String baseUrl;
  private final String apiKey;

  private SizingModel(Process process, String baseUrl, String apiKey) {
    this.process = process;
    this.baseUrl = baseUrl;
    this.apiKey = apiKey;
  }

  /** The prompt that makes the model write {@code note-NAME.md}. */
  static String prompt(String name) {
    return "Write note-" + name + ".md with a one-line note, then stop.";
  }

  static Scenario scenario() {
    return Scenario.builder()
        .then(
            c -> {
              Matcher file = FILE.matcher(c.lastUserText());
              String path = file.find() ? file.group() : "note-unnamed.md";
              return Step.writeFile(path, "Note " + path + ", written by the scripted model.\n");
            })
        .text("DONE: I wrote the note.")
        .build();
  }

  public static void main(String[] args) throws IOException {
    try (ModelServer model = ModelServer.start(scenario())) {
      System.out.println("MODEL " + model.baseUrl() + " " + model.apiKey());
      System.out.flush();
      while (System.in.read() >= 0) {
        // until the benchmark closes our input
      }
    }
  }

  static SizingModel start() throws IOException {
    String java = ProcessHandle.current().info().command().orElseThrow();
    List<String> command =
        new ArrayList<>(
            List.of(
                java,
                "-Xmx256m",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                SizingModel.class.getName()));
    Process process =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    if (line == null || !line.startsWith("MODEL ")) {
      process.destroyForcibly();
      throw new IllegalStateException("the model server did not start: " + line);
    }
    String[] parts = line.split(" ");
    return new SizingModel(process, parts[1], parts[2]);
  }

  String baseUrl() {
    return baseUrl;
  }

  String apiKey() {
    return apiKey;
  }

  long pid() {
    return process.pid();
  }

  @Override
  public void close() throws IOException {
    process.getOutputStream().close();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
