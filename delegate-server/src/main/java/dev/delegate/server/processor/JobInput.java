package dev.delegate.server.processor;

import dev.delegate.core.job.Job;
import dev.delegate.core.job.JobState;
import dev.delegate.core.job.JobStore;
import dev.delegate.server.http.ApiException;
import dev.delegate.server.http.JsonBody;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code POST /api/jobs/{id}/input {"text":"…"}}: a person's answer to the question of a job in
 * {@code NEEDS_INPUT}. The answer is stored first (so it survives this process), then the node
 * holding the job's conversation is told; it types the answer into the agent. {@code 202} once
 * stored; {@code 404} for an unknown job; {@code 409} when the job does not wait for input or
 * already has an answer; {@code 400} for a missing, blank or too long text.
 */
public final class JobInput {
  /** The longest answer taken, in characters. */
  public static final int MAX_TEXT = 10_000;

  private final JobStore store;
  private final Consumer<String> arrived;
  private final Clock clock;

  /**
   * @param arrived told the job id once an answer is stored (an in-process processor takes it at
   *     once; another node finds it within its tick)
   */
  public JobInput(JobStore store, Consumer<String> arrived, Clock clock) {
    this.store = store;
    this.arrived = arrived;
    this.clock = clock;
  }

  public void handle(Context ctx) {
    String id = ctx.pathParam("id");
    JsonBody body = JsonBody.of(ctx);
    String text = body.requiredText("text");
    if (text.length() > MAX_TEXT) {
      throw ApiException.badRequest(
          "invalid_text", "'text' is longer than " + MAX_TEXT + " characters");
    }
    Job job =
        store.find(id).orElseThrow(() -> new ApiException(404, "job_not_found", "no job " + id));
    if (!store.provideInput(id, text.strip(), clock.instant())) {
      JobState state = store.find(id).map(Job::state).orElse(job.state());
      String why =
          state == JobState.NEEDS_INPUT
              ? "job " + id + " already has an answer waiting to be typed"
              : "job " + id + " is " + state + ", not waiting for input";
      throw new ApiException(409, "not_waiting_for_input", why);
    }
    arrived.accept(id);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("status", "accepted");
    answer.put("jobId", id);
    ctx.status(202).json(answer);
  }
}
