package dev.delegate.server.node;

import dev.delegate.core.PermanentException;
import dev.delegate.core.forge.Forge;
import dev.delegate.core.forge.RepoRef;
import dev.delegate.core.job.ObservableJobStore;
import dev.delegate.core.job.StuckJobs;
import dev.delegate.core.node.NodeStore;
import dev.delegate.core.task.AnnouncingTaskStore;
import dev.delegate.core.task.TaskStore;
import dev.delegate.core.webhook.WebhookStore;
import dev.delegate.git.cli.Git;
import dev.delegate.git.github.GitHubConfig;
import dev.delegate.git.github.GitHubForge;
import dev.delegate.git.local.HttpLocalForge;
import dev.delegate.git.local.LocalForge;
import dev.delegate.git.local.LocalForgeConfig;
import dev.delegate.scripted.SampleApp;
import dev.delegate.server.config.DatabaseOptions;
import dev.delegate.server.config.ServerConfig;
import dev.delegate.server.metrics.NodeMetrics;
import dev.delegate.server.rebase.RebaseTriggers;
import dev.delegate.server.rebase.Rebases;
import dev.delegate.server.webhook.WebhookSender;
import dev.delegate.store.Database;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the API and processor roles of one process share: the store (an H2 file can be opened by one
 * process only, so both roles must use the same {@link Database}; a PostgreSQL is shared by every
 * node), the forge and the clock. Opened once by {@code Roles}, closed after the roles that use it.
 */
public final class Node implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Node.class);
  public static final RepoRef SAMPLE_REPO = new RepoRef("local", "sample-app");

  private static final AtomicInteger OPENED = new AtomicInteger();

  private final String id;
  private final Database database;
  private final Forge forge;
  private final Git git;
  private final Clock clock;
  private final ObservableJobStore jobs;
  private final TaskStore tasks;
  private final Rebases rebases;
  private final RebaseTriggers rebaseTriggers;
  private StuckJobs stuck;
  private Optional<WebhookSender> webhookSender = Optional.empty();
  private final NodeMetrics metrics;
  private final boolean ownMetrics;

  private Node(
      Database database,
      Forge forge,
      Git git,
      Clock clock,
      NodeMetrics metrics,
      boolean ownMetrics) {
    int opened = OPENED.incrementAndGet();
    this.id = ManagementFactory.getRuntimeMXBean().getName() + (opened == 1 ? "" : "#" + opened);
    this.database = database;
    this.metrics = metrics;
    this.ownMetrics = ownMetrics;
    // On a shared PostgreSQL every node's changes come through the feed, this node's included.
    this.jobs =
        database
            .changeFeed()
            .map(feed -> new ObservableJobStore(metrics.timed(database.jobStore(), clock), feed))
            .orElseGet(() -> new ObservableJobStore(metrics.timed(database.jobStore(), clock)));
    this.tasks = new AnnouncingTaskStore(database.taskStore(), jobs);
    this.forge = forge;
    this.git = git;
    this.clock = clock;
    this.rebases = new Rebases(jobs, Optional.of(tasks), forge, () -> {}, clock);
    this.rebaseTriggers = RebaseTriggers.start(rebases, forge, jobs);
  }

  /** Queues rebase jobs: asked for, or for pull requests that conflict after their base moved. */
  public Rebases rebases() {
    return rebases;
  }

  /**
   * Opens the store (under the data directory, or the shared database) and the configured forge.
   */
  public static Node open(ServerConfig config) {
    NodeMetrics metrics = NodeMetrics.create();
    try {
      return open(config, metrics, true);
    } catch (RuntimeException e) {
      metrics.close();
      throw e;
    }
  }

  /** The same, its store and git measured in the process's {@code metrics}. */
  public static Node open(ServerConfig config, NodeMetrics metrics) {
    return open(config, metrics, false);
  }

  private static Node open(ServerConfig config, NodeMetrics metrics, boolean ownMetrics) {
    Clock clock = Clock.systemUTC();
    DatabaseOptions options = config.database();
    Database database =
        options
            .url()
            .map(url -> Database.jdbc(url, options.user(), options.password().orElse(null)))
            .orElseGet(() -> Database.h2File(config.dataDirectory()));
    LOG.info("store: {}", options);
    try {
      Git git = new Git().withListener(metrics.git());
      Node node = new Node(database, forge(config, git, database), git, clock, metrics, ownMetrics);
      node.stuck =
          new StuckJobs(node.jobs, clock, StuckJobs.limits(config.processor().settings())).start();
      metrics.watch(node.stuck);
      if (!config.webhooks().urls().isEmpty()) {
        node.webhookSender =
            Optional.of(
                WebhookSender.start(
                    config.webhooks(),
                    database.webhookStore(),
                    node.jobs,
                    node.forge,
                    clock,
                    node.id,
                    metrics::webhookDelivered));
      }
      return node;
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
  }

  public Database database() {
    return database;
  }

  /** The job store every role of this process uses; its listeners see every state change. */
  public ObservableJobStore jobs() {
    return jobs;
  }

  /** The nodes sharing the store, each by its heartbeats. */
  public NodeStore nodes() {
    return database.nodeStore();
  }

  /**
   * This node's id among the nodes sharing a store: host and process, {@code 4242@host} (and {@code
   * #2}, {@code #3} for more nodes in one process, as tests start them). Its leases and its row in
   * the node registry carry it.
   */
  public String id() {
    return id;
  }

  /** The task store; a delegation's job enqueue reaches the listeners of {@link #jobs()}. */
  public TaskStore tasks() {
    return tasks;
  }

  public Forge forge() {
    return forge;
  }

  public Git git() {
    return git;
  }

  public Clock clock() {
    return clock;
  }

  /** The jobs found in one state past its limit, looked for while the node runs. */
  public StuckJobs stuck() {
    return stuck;
  }

  /** The webhook deliveries of every node sharing the store. */
  public WebhookStore webhooks() {
    return database.webhookStore();
  }

  /** Tells this node's webhook sender, when it runs one, that a delivery is due. */
  public void wakeWebhooks() {
    webhookSender.ifPresent(WebhookSender::wake);
  }

  /** The metrics of this node's process, served at {@code /metrics} on each of its ports. */
  public NodeMetrics metrics() {
    return metrics;
  }

  @Override
  public void close() {
    rebaseTriggers.close();
    if (stuck != null) {
      stuck.close();
    }
    webhookSender.ifPresent(WebhookSender::close);
    jobs.stopFeed();
    database.close();
    if (ownMetrics) {
      metrics.close();
    }
  }

  private static Forge forge(ServerConfig config, Git git, Database database) {
    if (config.processor().forge().equals("github")) {
      String token = System.getenv("GITHUB_TOKEN");
      if (token == null || token.isBlank()) {
        throw new PermanentException("--forge github needs a token in GITHUB_TOKEN");
      }
      return new GitHubForge(GitHubConfig.forApi(config.processor().githubApiUrl()), token);
    }
    if (config.processor().forgeUrl().isPresent()) {
      URI url = config.processor().forgeUrl().get();
      LOG.info("local forge: the repositories served at {}", url);
      return new HttpLocalForge(
          url,
          config.token(),
          config.dataDirectory(),
          git,
          database.pullRequestStore(),
          LocalForgeConfig.DEFAULT);
    }
    String prefix = "http://" + config.bind() + ":" + config.apiPort() + "/prs/";
    LocalForge local =
        new LocalForge(
            config.dataDirectory(),
            git,
            database.pullRequestStore(),
            LocalForgeConfig.DEFAULT.withUrlPrefix(prefix));
    if (!local.exists(SAMPLE_REPO)) {
      Map<String, String> files = new LinkedHashMap<>();
      SampleApp.files().forEach(file -> files.put(file, SampleApp.read(file)));
      local.createRepository(SAMPLE_REPO, files);
      LOG.info("local forge: created {} from the sample app", SAMPLE_REPO);
    }
    return local;
  }
}
