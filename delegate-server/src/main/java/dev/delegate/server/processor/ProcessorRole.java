package dev.delegate.server.processor;

import dev.delegate.agent.pool.WorkerPool;
import dev.delegate.core.PermanentException;
import dev.delegate.core.forge.Forge;
import dev.delegate.core.forge.RepoRef;
import dev.delegate.core.job.JobProcessor;
import dev.delegate.core.job.JobServices;
import dev.delegate.core.job.ProcessorSettings;
import dev.delegate.git.cli.Git;
import dev.delegate.git.github.GitHubConfig;
import dev.delegate.git.github.GitHubForge;
import dev.delegate.git.local.LocalForge;
import dev.delegate.git.local.LocalForgeConfig;
import dev.delegate.git.workspace.GitWorkspaces;
import dev.delegate.scripted.SampleApp;
import dev.delegate.server.ServerConfig;
import dev.delegate.server.http.Http;
import dev.delegate.store.Database;
import io.javalin.Javalin;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PR processor role: the durable job store, the forge, the git workspaces, the job processor
 * that feeds this process's worker pool, and the processor's HTTP API.
 */
public final class ProcessorRole implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ProcessorRole.class);
  public static final RepoRef SAMPLE_REPO = new RepoRef("local", "sample-app");

  private final Database database;
  private final JobProcessor processor;
  private final Javalin http;
  private final Forge forge;

  private final WorkerPool pool;

  private ProcessorRole(
      Database database, JobProcessor processor, Javalin http, Forge forge, WorkerPool pool) {
    this.pool = pool;
    this.database = database;
    this.processor = processor;
    this.http = http;
    this.forge = forge;
  }

  public static ProcessorRole start(ServerConfig config, WorkerPool pool) {
    Clock clock = Clock.systemUTC();
    Database database = Database.h2File(config.dataDirectory());
    try {
      Git git = new Git();
      Forge forge = forge(config, git, database, clock);
      ProcessorSettings settings = settings(config, pool);
      JobProcessor processor =
          new JobProcessor(
                  new JobServices(
                      settings,
                      database.jobStore(),
                      forge,
                      new GitWorkspaces(config.dataDirectory(), git),
                      pool,
                      clock))
              .start();
      ProcessorApi api =
          new ProcessorApi(
              database.jobStore(),
              forge,
              processor::wake,
              processor::inputArrived,
              clock,
              config.processor().defaultOwner());
      Javalin http =
          Http.start(
              "PR processor", config.bind(), config.processorPort(), config.token(), api::routes);
      return new ProcessorRole(database, processor, http, forge, pool);
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
  }

  public int port() {
    return http.port();
  }

  public Forge forge() {
    return forge;
  }

  /**
   * Stops taking requests, closes the pool (running turns fail, and their jobs go back to the queue
   * while the store is still open), waits for the jobs to record that, then closes the store.
   */
  @Override
  public void close() {
    http.stop();
    pool.close();
    processor.close();
    database.close();
  }

  private static ProcessorSettings settings(ServerConfig config, WorkerPool pool) {
    var options = config.processor();
    ProcessorSettings defaults =
        ProcessorSettings.defaults(
            nodeId(), config.poolConfig().workers(), pool.profile().displayName());
    return new ProcessorSettings(
        defaults.nodeId(),
        defaults.concurrency(),
        options.lease(),
        options.turnTimeout(),
        options.retry(),
        defaults.agentName(),
        defaults.authorName(),
        defaults.authorEmail(),
        options.pushPartialWork(),
        defaults.tick(),
        options.inputTimeout());
  }

  private static Forge forge(ServerConfig config, Git git, Database database, Clock clock) {
    if (config.processor().forge().equals("github")) {
      String token = System.getenv("GITHUB_TOKEN");
      if (token == null || token.isBlank()) {
        throw new PermanentException("--forge github needs a token in GITHUB_TOKEN");
      }
      return new GitHubForge(GitHubConfig.forApi(config.processor().githubApiUrl()), token);
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

  /** Host and process: unique among the nodes that share a store. */
  private static String nodeId() {
    return ManagementFactory.getRuntimeMXBean().getName();
  }
}
