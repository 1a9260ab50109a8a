package dev.delegate.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.delegate.core.agent.ApprovalRequest;
import dev.delegate.core.agent.ApprovalVerdict;
import dev.delegate.core.agent.ToolKind;
import dev.delegate.server.Main;
import dev.delegate.server.launch.ServeCommand;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

class ConfigDefaultsTest {
  @TempDir Path dir;

  private ServerConfig parse(Map<String, String> env, String... args) {
    ServeCommand command = new ServeCommand();
    CommandLine cli = new CommandLine(command);
    cli.setDefaultValueProvider(ConfigDefaults.load(args, env));
    cli.parseArgs(args);
    return command.toConfig();
  }

  @Test
  void should_use_documented_defaults_when_nothing_is_set() {
    ServerConfig config = parse(Map.of());
    assertThat(config.bind()).isEqualTo("127.0.0.1");
    assertThat(config.poolPort()).isEqualTo(8081);
    assertThat(config.agent()).isEqualTo("scripted");
    assertThat(config.poolConfig().workers()).isEqualTo(2);
    assertThat(config.poolConfig().stallTimeout()).isEqualTo(Duration.ofMinutes(3));
  }

  @Test
  void should_prefer_flag_over_environment_over_file_over_default() throws IOException {
    Path file = dir.resolve("delegate.properties");
    Files.writeString(file, "workers=3\npool-port=9001\nagent=kiro\nqueue-size=7\n");
    Map<String, String> env = Map.of("DELEGATE_WORKERS", "5", "DELEGATE_POOL_PORT", "9002");

    ServerConfig config = parse(env, "--config", file.toString(), "--workers", "9");

    assertThat(config.poolConfig().workers()).isEqualTo(9); // flag
    assertThat(config.poolPort()).isEqualTo(9002); // environment
    assertThat(config.agent()).isEqualTo("kiro"); // file
    assertThat(config.poolConfig().queueCapacity()).isEqualTo(7); // file
    assertThat(config.processorPort()).isEqualTo(8082); // default
  }

  @Test
  void should_read_the_config_file_named_by_the_environment() throws IOException {
    Path file = dir.resolve("other.properties");
    Files.writeString(file, "stall-timeout=45s\n");
    ServerConfig config = parse(Map.of("DELEGATE_CONFIG", file.toString()));
    assertThat(config.poolConfig().stallTimeout()).isEqualTo(Duration.ofSeconds(45));
  }

  @Test
  void should_build_deny_rules_from_lists() {
    ServerConfig config =
        parse(Map.of("DELEGATE_DENY_TOOL", "execute_bash"), "--deny-command", "rm -rf,curl ");
    var request = new ApprovalRequest(Optional.of("fs_write"), Optional.of("curl x"), "?");
    assertThat(config.approvalPolicy().decide(request).verdict()).isEqualTo(ApprovalVerdict.DENY);
    var bash = new ApprovalRequest(Optional.of("execute_bash"), Optional.of("ls"), "?");
    assertThat(config.approvalPolicy().decide(bash).verdict()).isEqualTo(ApprovalVerdict.DENY);
  }

  @Test
  void should_read_approval_rules_by_kind_and_path_from_a_file() throws IOException {
    Path file = dir.resolve("rules.yaml");
    Files.writeString(
        file,
        """
        rules:
          - {verdict: allow, path: '^/tmp/cache/'}
          - {verdict: deny, kind: shell, command: 'git\\s+push'}
        """);
    ServerConfig config =
        parse(Map.of(), "--approval-rules", file.toString(), "--deny-kind", "network");
    Path workspace = dir;
    var push =
        new ApprovalRequest(
            Optional.of("execute_bash"),
            Optional.of("git  push origin"),
            "?",
            ToolKind.SHELL,
            Optional.empty(),
            Optional.of(workspace));
    assertThat(config.approvalPolicy().decide(push).reason())
        .isEqualTo("rule: deny kind=shell command~/git\\s+push/");
    var fetch = new ApprovalRequest(Optional.of("web_fetch"), Optional.empty(), "?");
    assertThat(config.approvalPolicy().decide(fetch).verdict()).isEqualTo(ApprovalVerdict.DENY);
    var cache =
        new ApprovalRequest(
            Optional.of("fs_write"),
            Optional.empty(),
            "?",
            null,
            Optional.of("/tmp/cache/x"),
            Optional.of(workspace));
    assertThat(config.approvalPolicy().decide(cache).verdict()).isEqualTo(ApprovalVerdict.ALLOW);
    var outside =
        new ApprovalRequest(
            Optional.of("fs_write"),
            Optional.empty(),
            "?",
            null,
            Optional.of("/etc/hosts"),
            Optional.of(workspace));
    assertThat(config.approvalPolicy().decide(outside).verdict()).isEqualTo(ApprovalVerdict.DENY);
    ServerConfig open = parse(Map.of(), "--allow-outside-workspace");
    assertThat(open.approvalPolicy().decide(outside).verdict()).isEqualTo(ApprovalVerdict.TRUST);
  }

  @Test
  void should_explain_a_bad_approval_rules_file() throws IOException {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(file, "rules:\n  - {verdict: deny, kind: teleport}\n");
    assertThatThrownBy(() -> parse(Map.of(), "--approval-rules", file.toString()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("rule 1")
        .hasMessageContaining("unknown tool kind 'teleport'");
    Files.writeString(file, "rules:\n  - {verdict: maybe}\n");
    assertThatThrownBy(() -> parse(Map.of(), "--approval-rules", file.toString()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("allow, trust or deny");
  }

  @Test
  void should_refuse_a_public_bind_without_a_token() {
    assertThatThrownBy(() -> parse(Map.of(), "--bind", "0.0.0.0"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("--token");
    assertThat(parse(Map.of(), "--bind", "0.0.0.0", "--token", "s3cret").token())
        .contains("s3cret");
  }

  @Test
  void should_explain_bad_values() {
    assertThatThrownBy(() -> parse(Map.of(), "--workers", "0"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("workers must be between 1");
    assertThatThrownBy(() -> parse(Map.of(), "--approval-default", "maybe"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("trust, allow or deny");
    assertThatThrownBy(() -> parse(Map.of(), "--deny-command", "(oops"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("not a valid regular");
    assertThatThrownBy(() -> parse(Map.of(), "--roles", "pool,web"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("unknown role 'web'");
    assertThatThrownBy(
            () -> ConfigDefaults.load(new String[] {"--config", "/nope.properties"}, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("does not exist");
  }

  @Test
  void should_take_a_forge_url_only_as_an_http_url_of_a_local_forge_on_a_shared_database() {
    String[] database = {"--database-url", "jdbc:postgresql://db:5432/delegate"};
    ServerConfig config =
        parse(
            Map.of("DELEGATE_FORGE_URL", "http://api-host:8080/"),
            database[0],
            database[1],
            "--roles",
            "processor,pool");
    assertThat(config.processor().forgeUrl())
        .contains(java.net.URI.create("http://api-host:8080/"));

    for (String bad :
        new String[] {"api-host:8080", "ftp://api-host/", "http://u:p@api-host:8080", "http://"}) {
      assertThatThrownBy(() -> parse(Map.of(), "--forge-url", bad, database[0], database[1]))
          .as(bad)
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("--forge-url")
          .hasMessageNotContaining("u:p");
    }
    assertThatThrownBy(
            () ->
                parse(
                    Map.of(),
                    "--forge-url",
                    "http://api-host:8080",
                    "--forge",
                    "github",
                    database[0],
                    database[1]))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("--forge github");
    assertThatThrownBy(() -> parse(Map.of(), "--forge-url", "http://api-host:8080"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("--database-url");
  }

  @Test
  void should_register_the_address_other_nodes_can_reach() throws Exception {
    assertThat(parse(Map.of()).nodeAddress(8082)).isEqualTo("http://127.0.0.1:8082");
    assertThat(
            parse(Map.of("DELEGATE_NODE_URL", "http://worker-7.internal:8082/")).nodeAddress(8082))
        .isEqualTo("http://worker-7.internal:8082");
    // a wildcard bind is no address another machine can use: the host's name is registered
    String wildcard = parse(Map.of(), "--bind", "0.0.0.0", "--token", "t").nodeAddress(8082);
    assertThat(wildcard)
        .isEqualTo("http://" + java.net.InetAddress.getLocalHost().getCanonicalHostName() + ":8082")
        .doesNotContain("0.0.0.0");
    for (String bad : new String[] {"worker:8082", "http://u:secret@worker:8082", "ftp://w/"}) {
      assertThatThrownBy(() -> parse(Map.of(), "--node-url", bad))
          .as(bad)
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("--node-url")
          .hasMessageNotContaining("secret");
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "--lease                    | 500ms  | --lease must be at least 1s, was 500ms",
        "--turn-timeout             | 0s     | --turn-timeout must be positive, was 0s",
        "--turn-timeout             | 3h     | --turn-timeout (3h) is longer than --max-timeout (2h)",
        "--input-timeout            | 0ms    | --input-timeout must be positive, was 0s",
        "--max-attempts             | 0      | --max-attempts must be at least 1, was 0",
        "--workers                  | 300    | --workers must be between 1 and 256, was 300",
        "--queue-size               | -1     | --queue-size must be at least 0, was -1",
        "--max-timeout              | 0s     | --max-timeout must be positive, was 0s",
        "--stall-timeout            | 0s     | --stall-timeout must be positive, was 0s",
        "--shutdown-grace           | PT-1S  | --shutdown-grace must not be negative, was PT-1S",
        "--finish-delegations-after | 0s     | --finish-delegations-after must be positive, was 0s",
        "--forge                    | gitlab | --forge must be local or github, was 'gitlab'",
      })
  void should_refuse_a_bad_value_naming_its_flag(String flag, String value, String message) {
    assertThatThrownBy(() -> parse(Map.of(), flag, value))
        .isInstanceOf(ConfigException.class)
        .hasMessage(message);
  }

  @Test
  void should_name_the_flag_of_a_bad_value_from_the_environment_or_the_config_file()
      throws IOException {
    assertThatThrownBy(() -> parse(Map.of("DELEGATE_LEASE", "500ms")))
        .hasMessage("--lease must be at least 1s, was 500ms");
    Path file = dir.resolve("delegate.properties");
    Files.writeString(file, "max-attempts=0\n");
    assertThatThrownBy(() -> parse(Map.of(), "--config", file.toString()))
        .hasMessage("--max-attempts must be at least 1, was 0");
  }

  @Test
  void should_end_serve_with_the_config_exit_code_and_the_message() throws IOException {
    Path file = dir.resolve("delegate.properties");
    Files.writeString(file, "lease=500ms\n");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream stderr = System.err;
    int code;
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      code =
          Main.run(
              new String[] {
                "serve", "--config", file.toString(), "--data-dir", dir.resolve("data").toString()
              });
    } finally {
      System.setErr(stderr);
    }
    assertThat(code).isEqualTo(Main.EXIT_CONFIG);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo("delegate: --lease must be at least 1s, was 500ms" + System.lineSeparator());
  }

  @Test
  void should_parse_human_durations() {
    DurationConverter converter = new DurationConverter();
    assertThat(converter.convert("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(converter.convert("5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(converter.convert("PT2H")).isEqualTo(Duration.ofHours(2));
    assertThatThrownBy(() -> converter.convert("soon")).hasMessageContaining("is not a duration");
  }
}
