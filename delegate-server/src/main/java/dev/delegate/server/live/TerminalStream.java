package dev.delegate.server.web;

import dev.delegate.agent.pool.TerminalFeed;
import dev.delegate.agent.pool.TerminalFeed.Chunk;
import dev.delegate.agent.pool.TerminalFeed.Ended;
import dev.delegate.agent.pool.TerminalFeed.Item;
import dev.delegate.agent.pool.TerminalFeed.Lost;
import dev.delegate.agent.pool.TerminalFeed.Started;
import dev.delegate.core.job.Job;
import dev.delegate.core.job.JobStore;
import dev.delegate.server.http.ApiException;
import dev.delegate.server.http.Sse;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /api/jobs/{id}/terminal}: the job's raw terminal output as base64 {@code output}
 * events. While the job's turn runs (or right after) its buffered output is replayed from the
 * worker pool's {@link TerminalFeed}, then new output follows live; {@code start} and {@code end}
 * frame the turn, {@code lost} tells how many bytes a slow client missed. For a job whose turn
 * ended before (or elsewhere), the transcript file is sent instead, then {@code end}. The stream
 * ends after {@code end}.
 */
final class TerminalStream {
  static final int PIECE = 32 * 1024;

  private final Sse.Hub hub;
  private final JobStore jobs;
  private final Optional<TerminalFeed> feed;
  private final Path transcripts;

  TerminalStream(Sse.Hub hub, JobStore jobs, Optional<TerminalFeed> feed, Path transcripts) {
    this.hub = hub;
    this.jobs = jobs;
    this.feed = feed;
    this.transcripts = transcripts;
  }

  void handle(Context ctx) {
    String id = ctx.pathParam("id");
    if (jobs.find(id).isEmpty()) {
      throw new ApiException(404, "job_not_found", "no job " + id);
    }
    hub.stream(ctx, stream -> run(stream, id));
  }

  private void run(Sse.Stream stream, String jobId) {
    if (feed.isEmpty()) {
      waitThenReplay(stream, jobId);
      return;
    }
    try (TerminalFeed.Subscription subscription = feed.get().followJob(jobId)) {
      while (stream.open()) {
        if (feed.get().status(jobId) == TerminalFeed.TurnStatus.UNKNOWN && ended(jobId)) {
          replayTranscript(stream, jobId);
          return;
        }
        Item item = subscription.poll(Sse.TICK);
        switch (item) {
          case null -> stream.heartbeat();
          case Started s ->
              stream.send("start", Map.of("jobId", s.jobId(), "workerId", s.workerId()));
          case Chunk c -> output(stream, c.bytes());
          case Lost l -> stream.send("lost", Map.of("bytes", l.bytes()));
          case Ended e -> {
            end(stream, jobId, "live");
            return;
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Without a pool in this process: the transcript once the job is over. */
  private void waitThenReplay(Sse.Stream stream, String jobId) {
    try {
      while (stream.open() && !ended(jobId)) {
        stream.heartbeat();
        Thread.sleep(Sse.TICK);
      }
      replayTranscript(stream, jobId);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private boolean ended(String jobId) {
    return jobs.find(jobId).map(j -> j.state().isFinal()).orElse(true);
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
    stream.send("end", Map.of("jobId", jobId, "source", source, "state", String.valueOf(state)));
    stream.close();
  }
}
