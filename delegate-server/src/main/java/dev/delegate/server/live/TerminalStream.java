package dev.delegate.server.live;

import dev.delegate.agent.pool.TerminalFeed;
import dev.delegate.agent.pool.TerminalFeed.Chunk;
import dev.delegate.agent.pool.TerminalFeed.Ended;
import dev.delegate.agent.pool.TerminalFeed.Item;
import dev.delegate.agent.pool.TerminalFeed.Lost;
import dev.delegate.agent.pool.TerminalFeed.Started;
import dev.delegate.core.job.Job;
import dev.delegate.core.job.JobStore;
import dev.delegate.core.node.NodeRecord;
import dev.delegate.server.http.ApiException;
import dev.delegate.server.http.EventStream;
import dev.delegate.server.http.Sse;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /api/jobs/{id}/terminal}: the job's raw terminal output as base64 {@code output}
 * events. While the job's turn runs in this node's pool (or right after) its buffered output is
 * replayed from the pool's {@link TerminalFeed}, then new output follows live; {@code start} and
 * {@code end} frame the turn, {@code lost} tells how many bytes a slow client missed. For a job
 * whose turn ended before, the transcript file is sent instead, then {@code end}.
 *
 * <p>A job held by another node (its lease), or that ran last on another node ({@link Job#ranOn()})
 * whose transcript is there, is relayed from that node's own stream, event by event ({@link
 * Relay}); the upstream is closed when this stream ends. When that node is gone, or cannot be
 * reached, an {@code unavailable} event says so and {@code end} follows: the stream never hangs on
 * a dead node. A relayed request is never relayed on. The stream ends after {@code end}.
 */
public final class TerminalStream {
  static final int PIECE = 32 * 1024;

  /** How often a relay asks the registry whether the node it relays from is still up. */
  static final Duration RECHECK = Duration.ofSeconds(5);

  private final Sse.Hub hub;
  private final JobStore jobs;
  private final Optional<TerminalFeed> feed;
  private final Path transcripts;
  private final Relay relay;

  /**
   * @param feed the worker pool's terminal feed when the pool runs in this process
   * @param transcripts the pool's transcript folder, for jobs whose record names none
   */
  public TerminalStream(
      Sse.Hub hub, JobStore jobs, Optional<TerminalFeed> feed, Path transcripts, Relay relay) {
    this.hub = hub;
    this.jobs = jobs;
    this.feed = feed;
    this.transcripts = transcripts;
    this.relay = relay;
  }

  public void handle(Context ctx) {
    String id = ctx.pathParam("id");
    if (jobs.find(id).isEmpty()) {
      throw new ApiException(404, "job_not_found", "no job " + id);
    }
    boolean relayed = ctx.header(Relay.RELAYED_BY) != null;
    hub.stream(ctx, stream -> run(stream, id, relayed));
  }

  private void run(Sse.Stream stream, String jobId, boolean relayed) {
    String self = relay.self();
    try {
      while (stream.open()) {
        Optional<Job> found = jobs.find(jobId);
        if (found.isEmpty()) {
          end(stream, jobId, "none");
          return;
        }
        Job job = found.get();
        Optional<String> holder = job.leaseOwner().filter(owner -> !owner.equals(self));
        if (holder.isPresent()) {
          fromNode(stream, jobId, holder.get(), "holds", relayed);
          return;
        }
        boolean ranHere = job.ranOn().map(self::equals).orElse(true);
        if (feed.isPresent()
            && (job.leaseOwner().isPresent()
                || (ranHere && feed.get().status(jobId) != TerminalFeed.TurnStatus.UNKNOWN))) {
          if (followHere(stream, jobId)) {
            return;
          }
          continue; // another node took the job: look again
        }
        if (job.state().isFinal()) {
          // The transcript is on the disk of the node where the job ran; here only when this node
          // shares that disk (a restart on the same data directory, a shared file system).
          Optional<String> ranElsewhere = job.ranOn().filter(node -> !node.equals(self));
          boolean relayable = !relayed && ranElsewhere.flatMap(relay::up).isPresent();
          if (ranElsewhere.isPresent() && (relayable || transcript(jobId).isEmpty())) {
            fromNode(stream, jobId, ranElsewhere.get(), "ran", relayed);
          } else {
            replayTranscript(stream, jobId);
          }
          return;
        }
        stream.heartbeat(); // queued, or waiting for a retry: a node will take it
        Thread.sleep(Sse.TICK);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Follows the job's turn in this node's pool.
   *
   * @return false when another node took the job before a turn started here
   */
  private boolean followHere(Sse.Stream stream, String jobId) throws InterruptedException {
    TerminalFeed pool = feed.orElseThrow();
    // a turn over before this stream began is replayed whole: its start says so
    boolean endedBefore = pool.status(jobId) == TerminalFeed.TurnStatus.ENDED;
    try (TerminalFeed.Subscription subscription = pool.followJob(jobId)) {
      while (stream.open()) {
        if (pool.status(jobId) == TerminalFeed.TurnStatus.UNKNOWN) {
          Optional<Job> job = jobs.find(jobId);
          if (job.isEmpty() || job.get().state().isFinal()) {
            replayTranscript(stream, jobId);
            return true;
          }
          if (job.get().leaseOwner().filter(o -> !o.equals(relay.self())).isPresent()) {
            return false;
          }
        }
        Item item = subscription.poll(Sse.TICK);
        switch (item) {
          case null -> stream.heartbeat();
          case Started s -> {
            stream.send("start", start(s, endedBefore));
            endedBefore = false;
          }
          case Chunk c -> output(stream, c.bytes());
          case Lost l -> stream.send("lost", Map.of("bytes", l.bytes()));
          case Ended e -> {
            end(stream, jobId, "live");
            return true;
          }
        }
      }
    }
    return true;
  }

  /**
   * The job's terminal from the node that holds it or ran it; {@code unavailable} and {@code end}
   * when that node is not up, refuses, or goes away meanwhile.
   */
  private void fromNode(
      Sse.Stream stream, String jobId, String nodeId, String verb, boolean relayed)
      throws InterruptedException {
    if (relayed) {
      unavailable(stream, jobId, nodeId, "node " + nodeId + " " + verb + " this job");
      return;
    }
    Optional<NodeRecord> node = relay.up(nodeId);
    if (node.isEmpty()) {
      String where = verb.equals("holds") ? "which holds this job" : "where this job ran";
      String after =
          verb.equals("holds")
              ? "; the job goes back to the queue when its lease runs out"
              : "; its terminal's transcript is on that node's disk";
      unavailable(
          stream,
          jobId,
          nodeId,
          "node " + nodeId + ", " + where + ", is " + relay.whyNotUp(nodeId) + after);
      return;
    }
    String path = "/api/jobs/" + URLEncoder.encode(jobId, StandardCharsets.UTF_8) + "/terminal";
    try (EventStream upstream = relay.open(node.get(), path)) {
      if (upstream.status() != 200) {
        unavailable(stream, jobId, nodeId, Relay.refusal(nodeId, upstream.status()));
        return;
      }
      long recheckAt = System.nanoTime() + RECHECK.toNanos();
      while (stream.open()) {
        Optional<EventStream.Event> event = upstream.next(Sse.TICK);
        if (event.isPresent()) {
          stream.sendJson(event.get().name(), event.get().data());
          if (event.get().name().equals("end")) {
            stream.close();
            return;
          }
        } else {
          stream.heartbeat();
        }
        if (System.nanoTime() - recheckAt > 0) {
          recheckAt = System.nanoTime() + RECHECK.toNanos();
          if (relay.up(nodeId).isEmpty()) {
            unavailable(
                stream, jobId, nodeId, "node " + nodeId + " is " + relay.whyNotUp(nodeId) + " now");
            return;
          }
        }
      }
    } catch (IOException e) {
      unavailable(
          stream,
          jobId,
          nodeId,
          "the connection to node " + nodeId + " broke (" + e.getMessage() + ")");
    }
  }

  /** Tells why the terminal cannot be shown, then ends the stream. */
  private void unavailable(Sse.Stream stream, String jobId, String nodeId, String message) {
    stream.send("unavailable", Map.of("jobId", jobId, "node", nodeId, "message", message));
    end(stream, jobId, "none");
  }

  private Map<String, Object> start(Started s, boolean ended) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("jobId", s.jobId());
    body.put("workerId", s.workerId());
    body.put("node", relay.self());
    if (ended) {
      body.put("ended", true);
    }
    return body;
  }

  private void replayTranscript(Sse.Stream stream, String jobId) {
    Optional<Path> file = transcript(jobId);
    if (file.isPresent()) {
      try (InputStream in = Files.newInputStream(file.get())) {
        byte[] buffer = new byte[PIECE];
        int n;
        while ((n = in.read(buffer)) > 0 && stream.open()) {
          output(stream, Arrays.copyOf(buffer, n));
        }
      } catch (IOException e) {
        stream.send("lost", Map.of("reason", "the transcript could not be read"));
      }
    }
    end(stream, jobId, file.isPresent() ? "transcript" : "none");
  }

  private Optional<Path> transcript(String jobId) {
    Optional<Path> recorded =
        jobs.find(jobId).flatMap(Job::transcript).filter(p -> !p.isBlank()).map(Path::of);
    Path fallback = transcripts.resolve(jobId.replaceAll("[^A-Za-z0-9._-]", "_") + ".log");
    return recorded
        .filter(Files::isRegularFile)
        .or(() -> Optional.of(fallback))
        .filter(Files::isRegularFile);
  }

  private static void output(Sse.Stream stream, byte[] bytes) {
    for (int from = 0; from < bytes.length; from += PIECE) {
      byte[] piece = Arrays.copyOfRange(bytes, from, Math.min(bytes.length, from + PIECE));
      stream.send("output", Base64.getEncoder().encodeToString(piece));
    }
  }

  private void end(Sse.Stream stream, String jobId, String source) {
    String state = jobs.find(jobId).map(j -> j.state().name()).orElse(null);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("jobId", jobId);
    body.put("source", source);
    body.put("state", String.valueOf(state));
    body.put("node", relay.self());
    stream.send("end", body);
    stream.close();
  }
}
