package dev.delegate.server.launch;

import dev.delegate.agent.pool.PoolConfig;
import dev.delegate.core.InvalidSettingException;
import dev.delegate.core.PermanentException;
import dev.delegate.core.agent.ApprovalPolicy;
import dev.delegate.core.agent.ApprovalRule;
import dev.delegate.core.agent.ApprovalVerdict;
import dev.delegate.core.agent.Budget;
import dev.delegate.core.agent.RuleApprovalPolicy;
import dev.delegate.core.agent.ToolKind;
import dev.delegate.core.criteria.CriteriaSettings;
import dev.delegate.core.followup.FollowUpSettings;
import dev.delegate.core.forge.RepoRef;
import dev.delegate.core.job.ProcessorSettings;
import dev.delegate.core.job.RetryPolicy;
import dev.delegate.server.config.ApprovalRulesFile;
import dev.delegate.server.config.BuiltInDefaults;
import dev.delegate.server.config.ConfigException;
import dev.delegate.server.config.DatabaseOptions;
import dev.delegate.server.config.DurationConverter;
import dev.delegate.server.config.FollowUpOptions;
import dev.delegate.server.config.ProcessorOptions;
import dev.delegate.server.config.ServerConfig;
import dev.delegate.server.config.ServerConfig.Role;
import dev.delegate.server.http.BudgetJson;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.PatternSyntaxException;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code delegate serve}: the long-running service. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = "Runs Delegate's roles on this machine until stopped (Ctrl-C or SIGTERM).",
    defaultValueProvider = BuiltInDefaults.class)
public final class ServeCommand implements Callable<Integer> {

  /** The option that sets each checked setting, by the name its settings record gives it. */
  private static final Map<String, String> FLAGS =
      Map.ofEntries(
          Map.entry("workers", "--workers"),
          Map.entry("queueCapacity", "--queue-size"),
          Map.entry("maxTimeout", "--max-timeout"),
          Map.entry("stallTimeout", "--stall-timeout"),
          Map.entry("lease", "--lease"),
          Map.entry("turnTimeout", "--turn-timeout"),
          Map.entry("maxAttempts", "--max-attempts"),
          Map.entry("firstDelay", "--retry-delay"),
          Map.entry("inputTimeout", "--input-timeout"),
          Map.entry("tick", "--tick"),
          Map.entry("reviewDebounce", "--review-debounce"),
          Map.entry("maxFollowUps", "--max-followups"),
          Map.entry("criteriaRounds", "--criteria-rounds"),
          Map.entry("checkTimeout", "--check-timeout"));

  @Option(
      names = "--roles",
      split = ",",
      defaultValue = "api,processor,pool",
      description =
          "Roles to run, comma-separated: api, processor, pool (default: ${DEFAULT-VALUE}).")
  List<String> roles = new ArrayList<>();

  @Option(names = "--bind", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
  String bind = ServerConfig.DEFAULT_BIND;

  @Option(names = "--api-port", description = "Delegation API port.")
  int apiPort = ServerConfig.DEFAULT_API_PORT;

  @Option(names = "--pool-port", description = "Worker pool port.")
  int poolPort = ServerConfig.DEFAULT_POOL_PORT;

  @Option(names = "--processor-port", description = "PR processor port.")
  int processorPort = ServerConfig.DEFAULT_PROCESSOR_PORT;

  @Option(
      names = "--data-dir",
      description =
          "Where Delegate keeps its data (default: "
              + "the checkout's .delegate/, else ~/.delegate).")
  Path dataDir;

  @Option(
      names = "--profiles-dir",
      description = "Extra agent profiles, *.yaml (default: " + "~/.config/delegate/profiles).")
  Path profilesDir;

  @Option(
      names = "--agent",
      description = "Agent profile the pool runs (default: ${DEFAULT-VALUE}).")
  String agent = ServerConfig.DEFAULT_AGENT;

  @Option(
      names = "--workers",
      description = "Agent sessions in the pool (default: ${DEFAULT-VALUE}).")
  int workers = PoolConfig.DEFAULT_WORKERS;

  @Option(
      names = "--queue-size",
      description = "Turns that may wait for a free worker before /execute answers 503.")
  int queueSize = PoolConfig.DEFAULT_QUEUE_CAPACITY;

  @Option(
      names = "--max-timeout",
      converter = DurationConverter.class,
      description = "Largest timeoutMs /execute accepts (default: ${DEFAULT-VALUE}).")
  Duration maxTimeout = PoolConfig.DEFAULT_MAX_TIMEOUT;

  @Option(
      names = "--stall-timeout",
      converter = DurationConverter.class,
      description = "A busy agent silent this long is killed and restarted.")
  Duration stallTimeout = PoolConfig.DEFAULT_STALL_TIMEOUT;

  @Option(
      names = "--approval-default",
      defaultValue = "trust",
      description = "Answer to approval prompts no rule matches: trust, allow or deny.")
  String approvalDefault;

  @Option(
      names = "--deny-tool",
      split = ",",
      description = "Tool names whose approval " + "prompts are answered no, e.g. execute_bash.")
  List<String> denyTools = new ArrayList<>();

  @Option(
      names = "--deny-command",
      split = ",",
      description = "Regular expressions; a " + "command that contains a match is answered no.")
  List<String> denyCommands = new ArrayList<>();

  @Option(
      names = "--deny-kind",
      split = ",",
      description =
          "Tool kinds whose approval prompts are answered no: read, write, shell, network.")
  List<String> denyKinds = new ArrayList<>();

  @Option(
      names = "--approval-rules",
      description =
          "YAML file of approval rules by tool, kind, command and path (docs/approvals.md).")
  Path approvalRules;

  @Option(
      names = "--allow-outside-workspace",
      defaultValue = "false",
      description = "Do not deny actions on paths outside the job's workspace by default.")
  boolean allowOutsideWorkspace;

  @Option(
      names = "--allow-untested-agent",
      defaultValue = "false",
      description =
          "Start the pool even when the agent CLI's version is not one its profile was tested"
              + " with, or cannot be read (a warning is logged).")
  boolean allowUntestedAgent;

  @Option(
      names = "--forge",
      description = "Where repositories live: local (default) or github (token in GITHUB_TOKEN).")
  String forge = ProcessorOptions.DEFAULT_FORGE;

  @Option(
      names = "--github-api-url",
      description = "GitHub REST API base URL (GitHub Enterprise: https://HOST/api/v3).")
  URI githubApiUrl = ProcessorOptions.DEFAULT_GITHUB_API_URL;

  @Option(
      names = "--forge-url",
      description =
          "With --forge local: the API node that serves the forge's repositories over HTTP"
              + " (http://api-host:8080); this node then keeps none and sends its --token there.")
  String forgeUrl;

  @Option(
      names = "--node-url",
      description =
          "Where other nodes reach this node's own port (its API port, else its processor port),"
              + " as it registers for the live relay: default http://<--bind>:<port>, or this"
              + " machine's host name when --bind is 0.0.0.0 or ::.")
  String nodeUrl;

  @Option(
      names = "--default-owner",
      description = "Repository owner used when a request names none.")
  String defaultOwner = ProcessorOptions.DEFAULT_OWNER;

  @Option(
      names = "--default-repo",
      description = "Repository (owner/name) a delegation goes to when it names none.")
  String defaultRepo = ServerConfig.DEFAULT_REPO;

  @Option(
      names = "--lease",
      converter = DurationConverter.class,
      description =
          "How long a claimed job is held without renewal; a dead node's jobs run "
              + "again after it.")
  Duration lease = ProcessorSettings.DEFAULT_LEASE;

  @Option(
      names = "--turn-timeout",
      converter = DurationConverter.class,
      description = "How long the agent may work on one job (default: ${DEFAULT-VALUE}).")
  Duration turnTimeout = ProcessorSettings.DEFAULT_TURN_TIMEOUT;

  @Option(
      names = "--max-attempts",
      description = "Attempts per job when failures may pass (agent crash, network).")
  int maxAttempts = RetryPolicy.DEFAULT_MAX_ATTEMPTS;

  @Option(
      names = "--retry-delay",
      converter = DurationConverter.class,
      description = "Delay before the second attempt; doubles per attempt, up to 5m.")
  Duration retryDelay = RetryPolicy.DEFAULT_FIRST_DELAY;

  @Option(
      names = "--input-timeout",
      converter = DurationConverter.class,
      description =
          "How long a job waits for an answer when the agent asks a question (POST"
              + " /api/jobs/{id}/input); its worker keeps the conversation meanwhile.")
  Duration inputTimeout = ProcessorSettings.DEFAULT_INPUT_TIMEOUT;

  @Option(
      names = "--tick",
      converter = DurationConverter.class,
      description =
          "How often the processor looks for expired leases and retries that came due; new jobs"
              + " wake it at once (default: ${DEFAULT-VALUE}).")
  Duration tick = ProcessorSettings.DEFAULT_TICK;

  @Option(
      names = "--finish-delegations-after",
      converter = DurationConverter.class,
      description =
          "A delegation still half-made this long after its last step (its node died in the"
              + " middle) is finished by the API: branch, TASK.md, pull request and job, or, when"
              + " that cannot be done, the task is FAILED and its pull request closed"
              + " (default: ${DEFAULT-VALUE}).")
  Duration finishDelegationsAfter = ServerConfig.DEFAULT_FINISH_DELEGATIONS_AFTER;

  @Option(
      names = "--shutdown-grace",
      converter = DurationConverter.class,
      description =
          "On SIGTERM: how long running jobs may finish before their turns are cut off and they"
              + " go back to the queue without using an attempt (default: ${DEFAULT-VALUE}).")
  Duration shutdownGrace = ProcessorOptions.DEFAULT_SHUTDOWN_GRACE;

  @Option(names = "--push-partial", description = "Commit and push what a timed-out agent left.")
  boolean pushPartial = ProcessorSettings.DEFAULT_PUSH_PARTIAL_WORK;

  @Option(
      names = "--criteria-rounds",
      description =
          "How many times acceptance criteria found not met go back to the agent to be fixed"
              + " before the commit; 0: only reported (default: ${DEFAULT-VALUE}).")
  int criteriaRounds = CriteriaSettings.DEFAULT_ROUNDS;

  @Option(
      names = "--check-timeout",
      converter = DurationConverter.class,
      description =
          "How long a criterion's check command may run before its processes are killed"
              + " (default: ${DEFAULT-VALUE}).")
  Duration checkTimeout = CriteriaSettings.DEFAULT_CHECK_TIMEOUT;

  @Option(
      names = "--max-cost-usd",
      description =
          "Most a job may spend in US dollars, as its agent reports it, when its task names no"
              + " budget; the turn past it is stopped and the job ends TIMED_OUT (default: none).")
  BigDecimal maxCostUsd;

  @Option(
      names = "--max-credits",
      description =
          "Most a job may spend in Kiro credits when its task names no budget (default: none).")
  BigDecimal maxCredits;

  @Option(
      names = "--review-debounce",
      converter = DurationConverter.class,
      description =
          "How long a pull request must be quiet after a review comment or failed check before"
              + " its remarks make one follow-up job (default: ${DEFAULT-VALUE}).")
  Duration reviewDebounce = FollowUpSettings.DEFAULT_DEBOUNCE;

  @Option(
      names = "--max-followups",
      description =
          "Follow-up jobs per pull request; past it Delegate comments once that a person is"
              + " needed (default: ${DEFAULT-VALUE}).")
  int maxFollowUps = FollowUpSettings.DEFAULT_MAX_FOLLOW_UPS;

  @Option(
      names = "--github-webhook-secret",
      description =
          "Secret of the GitHub webhook that posts to /api/github/webhook (default:"
              + " $DELEGATE_GITHUB_WEBHOOK_SECRET); without it that route refuses deliveries.")
  String githubWebhookSecret;

  @Option(
      names = "--token",
      description =
          "Bearer token clients must send; required " + "when --bind is not a loopback address.")
  String token;

  @Option(
      names = "--metrics-token",
      description =
          "Bearer token GET /metrics also accepts, for Prometheus (default: the --token only;"
              + " without either, /metrics is open like the rest).")
  String metricsToken;

  @Option(
      names = "--database-url",
      description =
          "PostgreSQL the nodes share, jdbc:postgresql://host[:port]/database"
              + " (default: an H2 file in the data directory, for one process).")
  String databaseUrl;

  @Option(names = "--database-user", description = "Database user (default: ${DEFAULT-VALUE}).")
  String databaseUser = DatabaseOptions.DEFAULT_USER;

  @Option(
      names = "--database-password-file",
      description =
          "File holding the database password (else DELEGATE_DATABASE_PASSWORD,"
              + " else the URL's password parameter).")
  Path databasePasswordFile;

  @Option(
      names = "--config",
      description =
          "Config file (properties; keys are option " + "names without dashes, e.g. workers=4).")
  Path config;

  @Mixin LogOptions logging = new LogOptions();

  @Mixin WebhookFlags webhooks = new WebhookFlags();

  @Override
  public Integer call() throws InterruptedException {
    logging.apply();
    ServerConfig config = toConfig();
    Roles roles = Roles.start(config, announcer(logging));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  roles.close();
                  stopped.countDown();
                }));
    stopped.await();
    return 0;
  }

  /**
   * Where {@code serve} says where each role listens: standard output, or with JSON log lines, a
   * log line too, so that every line is JSON.
   */
  static Consumer<String> announcer(LogOptions logging) {
    if (logging.json()) {
      org.slf4j.Logger log = LoggerFactory.getLogger("dev.delegate.server");
      return log::info;
    }
    return line -> {
      System.out.println(line);
      System.out.flush();
    };
  }

  public ServerConfig toConfig() {
    Path data = Optional.ofNullable(dataDir).orElseGet(ServeCommand::defaultDataDirectory);
    Path profiles =
        Optional.ofNullable(profilesDir)
            .orElseGet(
                () -> Path.of(System.getProperty("user.home"), ".config", "delegate", "profiles"));
    PoolConfig pool =
        checked(
            () ->
                PoolConfig.defaults(workers, data.toAbsolutePath())
                    .withQueueCapacity(queueSize)
                    .withMaxTimeout(maxTimeout)
                    .withStallTimeout(stallTimeout));
    ProcessorSettings settings =
        checked(
            () ->
                ProcessorSettings.DEFAULT
                    .withLease(lease)
                    .withTurnTimeout(turnTimeout)
                    .withRetry(RetryPolicy.of(maxAttempts, retryDelay))
                    .withPushPartialWork(pushPartial)
                    .withInputTimeout(inputTimeout)
                    .withTick(tick)
                    .withBudget(defaultBudget())
                    .withCriteria(new CriteriaSettings(criteriaRounds, checkTimeout)));
    ProcessorOptions processor =
        new ProcessorOptions(
            forge.strip(),
            githubApiUrl,
            Optional.ofNullable(forgeUrl)
                .filter(url -> !url.isBlank())
                .map(ProcessorOptions::parseForgeUrl),
            defaultOwner.strip(),
            shutdownGrace,
            settings);
    return new ServerConfig(
        parseRoles(),
        bind,
        apiPort,
        poolPort,
        processorPort,
        data.toAbsolutePath(),
        profiles,
        agent,
        pool,
        approvalPolicy(),
        processor,
        Optional.ofNullable(token),
        Optional.ofNullable(metricsToken),
        parseRepo(defaultRepo),
        finishDelegationsAfter,
        database(),
        Optional.ofNullable(nodeUrl).filter(url -> !url.isBlank()).map(ServerConfig::parseNodeUrl),
        allowUntestedAgent,
        webhooks.toOptions(),
        new FollowUpOptions(
            checked(
                () ->
                    FollowUpSettings.DEFAULT
                        .withDebounce(reviewDebounce)
                        .withMaxFollowUps(maxFollowUps)),
            Optional.ofNullable(githubWebhookSecret)
                .or(() -> Optional.ofNullable(System.getenv("DELEGATE_GITHUB_WEBHOOK_SECRET")))));
  }

  /** The password from its file, else the environment, else none (the URL may carry it). */
  private DatabaseOptions database() {
    Optional<String> password = Optional.ofNullable(System.getenv("DELEGATE_DATABASE_PASSWORD"));
    if (databasePasswordFile != null) {
      try {
        password = Optional.of(Files.readString(databasePasswordFile).strip());
      } catch (IOException e) {
        throw new ConfigException(
            "--database-password-file " + databasePasswordFile + " cannot be read: " + e);
      }
    }
    return new DatabaseOptions(
        Optional.ofNullable(databaseUrl), databaseUser, password.filter(p -> !p.isEmpty()));
  }

  /** {@code --max-cost-usd} and {@code --max-credits}, checked as a task's budget is. */
  private Budget defaultBudget() {
    checkLimit("--max-cost-usd", maxCostUsd);
    checkLimit("--max-credits", maxCredits);
    return new Budget(Optional.ofNullable(maxCostUsd), Optional.ofNullable(maxCredits));
  }

  private static void checkLimit(String flag, BigDecimal value) {
    Optional<String> problem = Optional.ofNullable(value).flatMap(v -> BudgetJson.problem(flag, v));
    if (problem.isPresent()) {
      throw new ConfigException(problem.get());
    }
  }

  /**
   * Builds a settings record from the options; a value out of its bounds becomes a {@link
   * ConfigException} that names the option, e.g. {@code --lease must be at least 1s, was 500ms}.
   */
  private static <T> T checked(Supplier<T> settings) {
    try {
      return settings.get();
    } catch (InvalidSettingException e) {
      String flag = FLAGS.get(e.setting());
      throw new ConfigException(flag != null ? flag + " " + e.problem() : e.getMessage());
    }
  }

  private static RepoRef parseRepo(String text) {
    String[] parts = text.strip().split("/", -1);
    try {
      if (parts.length == 2) {
        return new RepoRef(parts[0], parts[1]);
      }
    } catch (PermanentException e) {
      throw new ConfigException("--default-repo: " + e.getMessage());
    }
    throw new ConfigException("--default-repo must be owner/name, was '" + text + "'");
  }

  private Set<Role> parseRoles() {
    Set<Role> parsed = EnumSet.noneOf(Role.class);
    for (String role : roles) {
      String name = role.strip().toUpperCase(Locale.ROOT);
      if (!name.equals("API") && !name.equals("POOL") && !name.equals("PROCESSOR")) {
        throw new ConfigException(
            "unknown role '" + role.strip() + "'; this version runs: api, processor, pool");
      }
      parsed.add(Role.valueOf(name));
    }
    return parsed;
  }

  private ApprovalPolicy approvalPolicy() {
    ApprovalVerdict fallback;
    try {
      fallback = ApprovalVerdict.valueOf(approvalDefault.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          "--approval-default must be trust, allow or deny, was '" + approvalDefault + "'");
    }
    List<ApprovalRule> rules = new ArrayList<>();
    denyTools.stream()
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .forEach(t -> rules.add(ApprovalRule.tool(ApprovalVerdict.DENY, t)));
    for (String kind : denyKinds) {
      if (!kind.isBlank()) {
        try {
          rules.add(ApprovalRule.kind(ApprovalVerdict.DENY, ToolKind.parse(kind)));
        } catch (IllegalArgumentException e) {
          throw new ConfigException("--deny-kind: " + e.getMessage());
        }
      }
    }
    for (String regex : denyCommands) {
      try {
        rules.add(ApprovalRule.command(ApprovalVerdict.DENY, regex.strip()));
      } catch (PatternSyntaxException e) {
        throw new ConfigException(
            "--deny-command '"
                + regex
                + "' is not a valid regular "
                + "expression: "
                + e.getDescription());
      }
    }
    if (approvalRules != null) {
      rules.addAll(ApprovalRulesFile.read(approvalRules));
    }
    return new RuleApprovalPolicy(rules, fallback, !allowOutsideWorkspace);
  }

  static Path defaultDataDirectory() {
    String home = System.getProperty("delegate.home");
    return home != null
        ? Path.of(home, ".delegate")
        : Path.of(System.getProperty("user.home"), ".delegate");
  }
}
