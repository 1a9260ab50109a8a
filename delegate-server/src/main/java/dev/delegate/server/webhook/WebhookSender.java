package dev.delegate.server.webhook;

import dev.delegate.core.forge.Forge;
import dev.delegate.core.job.Job;
import dev.delegate.core.job.ObservableJobStore;
import dev.delegate.core.webhook.Delivery;
import dev.delegate.core.webhook.DeliveryTry;
import dev.delegate.core.webhook.NewDelivery;
import dev.delegate.core.webhook.WebhookEvent;
import dev.delegate.core.webhook.WebhookSource;
import dev.delegate.core.webhook.WebhookStore;
import dev.delegate.server.config.WebhookOptions;
import dev.delegate.server.config.WebhookTargets;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the job events to the webhook URLs, on a thread of its own, never on a job's path.
 *
 * <p>It makes deliveries by scanning the recorded job events ({@link WebhookStore#undelivered}):
 * when a job of this node or, through the change feed, of another node reaches one of the five
 * states, when the feed had a gap, and every {@link #SCAN_EVERY} besides, so an event whose node
 * stopped right after recording it is sent all the same. Then it claims the due deliveries one by
 * one (each under a lease, so of several nodes one tries it) and POSTs them, up to {@link
 * #MAX_IN_FLIGHT} at once ({@link WebhookPost}).
 */
public final class WebhookSender implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookSender.class);

  /** How far before a URL's scan mark a scan reads: events commit a little after their time. */
  static final Duration SCAN_MARGIN = Duration.ofMinutes(15);

  static final Duration SCAN_EVERY = Duration.ofSeconds(10);
  static final int SCAN_BATCH = 200;
  static final int MAX_IN_FLIGHT = 16;
  private static final Duration MAX_POLL = Duration.ofSeconds(1);

  private final WebhookOptions options;
  private final WebhookStore store;
  private final ObservableJobStore jobs;
  private final Forge forge;
  private final Clock clock;
  private final String nodeId;
  private final WebhookPost post;
  private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
  private final ExecutorService sends = Executors.newVirtualThreadPerTaskExecutor();
  private final Object signal = new Object();
  private final Thread loop;
  private final ObservableJobStore.Subscription subscription;
  private boolean woken;
  private volatile boolean scanWanted = true;
  private volatile boolean stopped;

  private final Consumer<String> outcomes;

  private WebhookSender(
      WebhookOptions options,
      WebhookStore store,
      ObservableJobStore jobs,
      Forge forge,
      Clock clock,
      String nodeId,
      Consumer<String> outcomes) {
    this.outcomes = outcomes;
    this.options = options;
    this.store = store;
    this.jobs = jobs;
    this.forge = forge;
    this.clock = clock;
    this.nodeId = nodeId;
    this.post = new WebhookPost(options, nodeId, clock);
    this.subscription =
        jobs.subscribe(
            new ObservableJobStore.Listener() {
              @Override
              public void changed(ObservableJobStore.StateChange change) {
                if (WebhookEvent.of(change.state()).isPresent()) {
                  eventsRecorded();
                }
              }

              @Override
              public void missed() {
                eventsRecorded();
              }
            });
    this.loop = Thread.ofPlatform().name("webhook-sender").daemon().unstarted(this::run);
  }

  /**
   * Starts sending to {@code options}' URLs from the store {@code jobs} shares with {@code store}.
   *
   * @param outcomes told {@code delivered} or {@code failed} for each try recorded (the metrics)
   */
  public static WebhookSender start(
      WebhookOptions options,
      WebhookStore store,
      ObservableJobStore jobs,
      Forge forge,
      Clock clock,
      String nodeId,
      Consumer<String> outcomes) {
    WebhookSender sender = new WebhookSender(options, store, jobs, forge, clock, nodeId, outcomes);
    sender.loop.start();
    LOG.info("{}", options);
    return sender;
  }

  /** Looks for due deliveries at once (a redelivery was asked for). */
  public void wake() {
    synchronized (signal) {
      woken = true;
      signal.notifyAll();
    }
  }

  private void eventsRecorded() {
    scanWanted = true;
    wake();
  }

  private void run() {
    Instant lastScan = Instant.EPOCH;
    while (!stopped) {
      try {
        Instant now = clock.instant();
        if (scanWanted || !now.isBefore(lastScan.plus(SCAN_EVERY))) {
          scanWanted = false;
          lastScan = now;
          scan();
        }
        sendDue();
      } catch (RuntimeException e) {
        scanWanted = true;
        if (!stopped) {
          LOG.warn("webhooks: {}", e.toString());
        }
      }
      awaitSignal();
    }
  }

  /** Waits until woken, or for the poll interval (the first retry delay, at most a second). */
  private void awaitSignal() {
    Duration first = options.retry().firstDelay();
    long deadline =
        System.nanoTime() + (first.compareTo(MAX_POLL) < 0 ? first : MAX_POLL).toNanos();
    synchronized (signal) {
      try {
        long left;
        while (!woken && !stopped && (left = deadline - System.nanoTime()) > 0) {
          TimeUnit.NANOSECONDS.timedWait(signal, left);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        stopped = true;
      }
      woken = false;
    }
  }

  /** Makes the deliveries of every event not yet delivered to each URL. */
  private void scan() {
    for (URI url : options.urls()) {
      String target = url.toString();
      Instant start = clock.instant();
      for (int round = 0; round < 20; round++) {
        List<WebhookSource> sources = store.undelivered(target, SCAN_MARGIN, start, SCAN_BATCH);
        sources.forEach(source -> create(source, target));
        if (sources.size() < SCAN_BATCH) {
          store.markScanned(target, start);
          break;
        }
      }
    }
  }

  private void create(WebhookSource source, String url) {
    Optional<Job> job = jobs.find(source.jobId());
    if (job.isEmpty()) {
      throw new IllegalStateException("bug: event " + source.eventSequence() + " has no job");
    }
    Instant now = clock.instant();
    NewDelivery delivery =
        new NewDelivery(
            UUID.randomUUID().toString(),
            source.eventSequence(),
            source.jobId(),
            source.event().wireName(),
            url,
            WebhookBody.of(source, job.get(), forge),
            now,
            options.retry().giveUpAt(now));
    if (store.create(delivery)) {
      LOG.debug(
          "webhook delivery {}: {} of job {}", delivery.id(), delivery.event(), job.get().id());
    }
  }

  /** Claims due deliveries while fewer than {@link #MAX_IN_FLIGHT} are being sent. */
  private void sendDue() {
    Duration lease = options.timeout().plusSeconds(10);
    while (!stopped && inFlight.tryAcquire()) {
      Optional<Delivery> claimed;
      try {
        claimed = store.claim(nodeId, lease, clock.instant());
      } catch (RuntimeException e) {
        inFlight.release();
        throw e;
      }
      if (claimed.isEmpty()) {
        inFlight.release();
        return;
      }
      Delivery delivery = claimed.get();
      sends.execute(
          () -> {
            try {
              send(delivery);
            } catch (RuntimeException e) {
              LOG.warn("webhook delivery {}: {}", delivery.id(), e.toString());
            } finally {
              inFlight.release();
              wake();
            }
          });
    }
  }

  private void send(Delivery delivery) {
    Optional<DeliveryTry> tried = post.send(delivery);
    if (tried.isEmpty() || stopped) {
      return; // stopping: the lease runs out and the delivery is tried again
    }
    DeliveryTry attempt = tried.get();
    Optional<Instant> retryAt =
        attempt.succeeded()
            ? Optional.empty()
            : options
                .retry()
                .nextTry(delivery.tries().size() + 1, clock.instant(), delivery.giveUpAt());
    if (!store.recordTry(delivery.id(), nodeId, attempt, retryAt)) {
      LOG.info("webhook delivery {}: another node took it over meanwhile", delivery.id());
      return;
    }
    outcomes.accept(attempt.succeeded() ? "delivered" : "failed");
    if (!attempt.succeeded()) {
      String target = WebhookTargets.shown(URI.create(delivery.url()));
      String answer =
          attempt.status().isPresent()
              ? "answered " + attempt.status().getAsInt()
              : attempt.error().orElse("no answer");
      LOG.warn(
          "webhook delivery {} ({} of job {}) to {}: {}; {}",
          delivery.id(),
          delivery.event(),
          delivery.jobId(),
          target,
          answer,
          retryAt.map(at -> "tried again at " + at).orElse("given up"));
    }
  }

  /**
   * Stops; a delivery being sent is left to its lease and tried again later, by some node. Threads
   * are never interrupted: one may be recording a try in the store.
   */
  @Override
  public void close() {
    stopped = true;
    subscription.close();
    wake();
    post.abort();
    sends.shutdown();
    try {
      loop.join(Duration.ofSeconds(30));
      if (!sends.awaitTermination(30, TimeUnit.SECONDS)) {
        LOG.warn("webhooks: deliveries still being recorded at shutdown");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
