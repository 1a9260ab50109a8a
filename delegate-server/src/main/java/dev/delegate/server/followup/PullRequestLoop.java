package dev.delegate.server.followup;

import dev.delegate.core.followup.FollowUps;
import dev.delegate.core.forge.RepoRef;
import dev.delegate.git.github.GitHubConfig;
import dev.delegate.git.github.GitHubReviews;
import dev.delegate.server.config.ServerConfig;
import dev.delegate.server.node.Node;
import io.javalin.config.JavalinConfig;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pull-request loop on the API port: remarks come in ({@code POST /api/github/webhook}, {@code
 * POST /api/prs/{owner}/{repo}/{number}/comments}), are kept in the store, and a sweep on every API
 * node turns a quiet pull request's remarks into one follow-up job ({@link FollowUps}). The store
 * makes each remark go into one job however many nodes sweep.
 */
public final class PullRequestLoop implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PullRequestLoop.class);
  public static final String WEBHOOK_PATH = "/api/github/webhook";

  /** When pull requests are checked again after a push to their base. */
  static final Duration RECHECK = Duration.ofSeconds(20);

  private final FollowUps followUps;
  private final GitHubWebhook webhook;
  private final LocalComments comments;
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          r -> Thread.ofPlatform().name("follow-ups").daemon().unstarted(r));

  private PullRequestLoop(FollowUps followUps, GitHubWebhook webhook, LocalComments comments) {
    this.followUps = followUps;
    this.webhook = webhook;
    this.comments = comments;
  }

  /**
   * Starts the sweep.
   *
   * @param wake tells an in-process processor a follow-up job is queued
   */
  public static PullRequestLoop start(ServerConfig config, Node node, Runnable wake) {
    FollowUps followUps =
        new FollowUps(
            node.database().followUpStore(),
            node.jobs(),
            node.forge(),
            config.followUps().settings(),
            node.clock(),
            wake);
    String token = Optional.ofNullable(System.getenv("GITHUB_TOKEN")).orElse("");
    GitHubReviews github =
        new GitHubReviews(
            GitHubConfig.forApi(config.processor().githubApiUrl()), token, node.clock());
    GitHubEvents events =
        new GitHubEvents(
            node.jobs(),
            node.forge(),
            github,
            config.followUps().settings().logLines(),
            node.clock());
    AtomicReference<PullRequestLoop> created = new AtomicReference<>();
    BiConsumer<RepoRef, String> baseMoved =
        (repo, branch) ->
            created.get().checkLater(() -> node.rebases().baseMoved(repo, Optional.of(branch)));
    PullRequestLoop loop =
        new PullRequestLoop(
            followUps,
            new GitHubWebhook(
                config.followUps().githubWebhookSecret(),
                events,
                followUps,
                (repo, branch) -> baseMoved.accept(repo, branch)),
            new LocalComments(
                node.forge(),
                config.processor().forge().equals("local"),
                node.jobs(),
                followUps,
                node.clock()));
    created.set(loop);
    long period = sweepPeriod(config.followUps().settings().debounce()).toMillis();
    var unused =
        loop.scheduler.scheduleWithFixedDelay(loop::sweep, period, period, TimeUnit.MILLISECONDS);
    return loop;
  }

  /** A fifth of the debounce, between 100 ms and 5 s: a follow-up starts soon after it is due. */
  static Duration sweepPeriod(Duration debounce) {
    long millis = Math.max(100, Math.min(5_000, debounce.toMillis() / 5));
    return Duration.ofMillis(millis);
  }

  public void routes(JavalinConfig config) {
    config.routes.post(WEBHOOK_PATH, webhook::handle);
    config.routes.post("/api/prs/{owner}/{repo}/{number}/comments", comments::handle);
  }

  /**
   * Runs a check of pull requests after their base moved, at once and again after {@link #RECHECK}:
   * GitHub computes whether a pull request merges in the background after a push and answers
   * "unknown" meanwhile, and an unknown one is not rebased.
   */
  void checkLater(Runnable check) {
    Runnable guarded =
        () -> {
          try {
            check.run();
          } catch (RuntimeException e) {
            LOG.warn("checking pull requests after a push failed: {}", e.toString());
          }
        };
    scheduler.execute(guarded);
    var unused = scheduler.schedule(guarded, RECHECK.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Starts the follow-ups that came due; returns how many jobs it enqueued. */
  public int sweep() {
    try {
      return followUps.sweep();
    } catch (RuntimeException e) {
      LOG.warn("looking for follow-ups failed: {}", e.toString());
      return 0;
    }
  }

  @Override
  public void close() {
    // no interrupt: one landing inside a store call makes H2 close its database for everyone
    scheduler.shutdown();
    try {
      var unused = scheduler.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
