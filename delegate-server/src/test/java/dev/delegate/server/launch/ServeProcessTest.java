package dev.delegate.server.launch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.delegate.server.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** {@code delegate serve} as a real process: a port in use, a quiet console, JSON log lines. */
class ServeProcessTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Loggers of the libraries Delegate runs on, whose INFO lines a user does not need. */
  private static final Pattern LIBRARY =
      Pattern.compile("(?i)jetty|javalin|flyway|hikari|h2|jdbi|pty4j|org\\.|com\\.|io\\.");

  /** How a JVM ends on SIGTERM: 128 + 15, after its shutdown hooks ran. */
  private static final int SIGTERM = 143;

  @TempDir Path home;

  @ParameterizedTest
  @CsvSource({
    "api,api,--api-port",
    "pool,pool,--pool-port",
    "processor,'processor,pool',--processor-port"
  })
  void should_exit_2_with_one_line_naming_the_port_role_and_option_when_a_port_is_in_use(
      String role, String roles, String flag) throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      List<String> args =
          new ArrayList<>(
              List.of("serve", "--roles", roles, "--data-dir", home.resolve("data").toString()));
      for (String port : List.of("--api-port", "--pool-port", "--processor-port")) {
        args.addAll(List.of(port, port.equals(flag) ? String.valueOf(taken.getLocalPort()) : "0"));
      }
      try (DelegateProcess serve = DelegateProcess.start(home, args.toArray(String[]::new))) {
        int code = serve.awaitExit(DelegateProcess.STARTUP);

        assertThat(code).as(serve.toString()).isEqualTo(2);
        assertThat(serve.err())
            .as(serve.toString())
            .containsExactly(
                "delegate: port "
                    + taken.getLocalPort()
                    + " is in use ("
                    + role
                    + "); choose another with "
                    + flag);
        assertThat(serve.out()).isEmpty();
      }
    }
  }

  @Test
  void should_start_without_library_info_lines_and_say_where_each_role_listens() throws Exception {
    try (DelegateProcess serve = start("--log-format", "text")) {
      serve.awaitLine(l -> l.startsWith("Delegate: http://127.0.0.1:"), DelegateProcess.STARTUP);

      assertThat(serve.out())
          .hasSize(3)
          .anyMatch(l -> l.startsWith("worker pool: http://"))
          .anyMatch(l -> l.startsWith("PR processor: http://"));
      for (String line : serve.err()) {
        assertThat(line).as(serve.toString()).doesNotContain(" INFO  Javalin", " INFO  Server");
        if (line.contains(" INFO ")) {
          String logger = line.replaceFirst("^\\S+ INFO  (\\S+):.*", "$1");
          assertThat(logger).as(line).doesNotContainPattern(LIBRARY);
        }
      }
      assertThat(serve.err()).as(serve.toString()).anyMatch(l -> l.contains(" INFO  WorkerPool: "));
      assertThat(serve.terminate(DelegateProcess.STARTUP)).as("SIGTERM").isEqualTo(SIGTERM);
    }
  }

  @Test
  void should_write_every_line_as_json_and_a_jobs_lines_with_its_job_id() throws Exception {
    String token = "tok-" + java.util.UUID.randomUUID();
    try (DelegateProcess serve =
        start("--log-format", "json", "--log-level", "info", "--token", token)) {
      String started =
          serve.awaitLine(
              l -> l.contains("\"Delegate: http://127.0.0.1:"), DelegateProcess.STARTUP);
      Matcher port = Pattern.compile("127\\.0\\.0\\.1:(\\d+)").matcher(started);
      assertThat(port.find()).isTrue();
      String url = "http://127.0.0.1:" + port.group(1);

      StringWriter out = new StringWriter();
      CommandLine cli = Main.commandLine();
      cli.setOut(new PrintWriter(out, true));
      cli.setErr(new PrintWriter(out, true));
      int code =
          cli.execute(
              "submit",
              "--title",
              "Logged",
              "--objective",
              "log it",
              "--url",
              url,
              "--token",
              token);
      assertThat(code).as(out.toString()).isZero();
      String jobId = out.toString().replaceAll("(?s).*, job ([0-9a-f-]{36}).*", "$1");
      serve.awaitLine(l -> l.contains("committed") && l.contains(jobId), Duration.ofMinutes(1));
      assertThat(serve.terminate(DelegateProcess.STARTUP)).as("SIGTERM").isEqualTo(SIGTERM);

      assertThat(serve.out()).as("everything is a log line on stderr").isEmpty();
      assertThat(serve.err()).as("the token is never logged").noneMatch(l -> l.contains(token));
      List<JsonNode> lines = new ArrayList<>();
      for (String line : serve.err()) {
        lines.add(parse(line));
      }
      for (JsonNode line : lines) {
        assertThat(line.path("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(line.path("level").asText()).isIn("ERROR", "WARN", "INFO");
        assertThat(line.path("logger").asText()).isNotEmpty();
        assertThat(line.has("message")).isTrue();
        if (line.path("level").asText().equals("INFO")) {
          assertThat(line.path("logger").asText()).startsWith("dev.delegate.");
        }
      }
      List<JsonNode> jobLines =
          lines.stream().filter(l -> l.path("jobId").asText().equals(jobId)).toList();
      assertThat(jobLines)
          .as(serve.toString())
          .anyMatch(l -> l.path("logger").asText().endsWith("JobRun"))
          .anyMatch(l -> l.path("logger").asText().endsWith("TurnRunner"));
      assertThat(jobLines)
          .filteredOn(l -> l.path("logger").asText().endsWith("TurnRunner"))
          .allMatch(l -> l.path("workerId").asText().equals("1"));
      assertThat(lines).anyMatch(l -> l.path("message").asText().startsWith("Delegate: http://"));
    }
  }

  private DelegateProcess start(String... logging) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "serve",
                "--data-dir",
                home.resolve("data").toString(),
                "--workers",
                "1",
                "--api-port",
                "0",
                "--pool-port",
                "0",
                "--processor-port",
                "0"));
    args.addAll(List.of(logging));
    return DelegateProcess.start(home, args.toArray(String[]::new));
  }

  private static JsonNode parse(String line) {
    try {
      return JSON.readTree(line);
    } catch (IOException e) {
      throw new AssertionError("not a JSON line: " + line, e);
    }
  }
}
