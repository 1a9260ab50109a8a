package dev.delegate.server.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.delegate.core.forge.Forge;
import dev.delegate.core.forge.PullRequest;
import dev.delegate.core.job.Job;
import dev.delegate.core.job.JobState;
import dev.delegate.core.webhook.WebhookEvent;
import dev.delegate.core.webhook.WebhookSource;
import dev.delegate.server.http.BudgetJson;
import dev.delegate.server.http.Http;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JSON an event is sent as (docs/api.md, "Webhooks"): the event, the task, the job as it was at
 * the event, the pull request's address, the failure or question, timings and usage.
 */
final class WebhookBody {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookBody.class);

  private WebhookBody() {}

  static String of(WebhookSource source, Job job, Forge forge) {
    WebhookEvent event = source.event();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("event", event.wireName());
    body.put("at", source.at().toString());
    body.put(
        "task",
        source.taskId().isPresent()
            ? Map.of("id", source.taskId().get(), "title", source.taskTitle().orElse(""))
            : null);
    Map<String, Object> jobJson = new LinkedHashMap<>();
    jobJson.put("id", job.id());
    jobJson.put("state", source.state().name());
    jobJson.put("attempts", job.attempts());
    jobJson.put("branch", job.branch());
    jobJson.put("repo", job.repo().fullName());
    jobJson.put("prNumber", job.prNumber());
    jobJson.put(
        "commit", source.state() == JobState.SUCCEEDED ? job.commitSha().orElse(null) : null);
    body.put("job", jobJson);
    body.put("prUrl", source.prUrl().or(() -> prUrl(job, forge)).orElse(null));
    boolean failed =
        source.state() == JobState.FAILED
            || source.state() == JobState.TIMED_OUT
            || source.state() == JobState.CANCELLED;
    body.put("failure", failed ? source.message() : null);
    body.put("question", source.state() == JobState.NEEDS_INPUT ? question(source, job) : null);
    Map<String, Object> timings = new LinkedHashMap<>();
    timings.put("createdAt", job.createdAt().toString());
    timings.put("endedAt", source.state() == JobState.NEEDS_INPUT ? null : source.at().toString());
    timings.put("durationMs", Duration.between(job.createdAt(), source.at()).toMillis());
    body.put("timings", timings);
    body.put("usage", BudgetJson.of(job.usage()));
    try {
      return Http.JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("bug: a webhook body is plain JSON", e);
    }
  }

  /** The question while the job still waits for it, else as the event recorded it. */
  private static String question(WebhookSource source, Job job) {
    if (job.state() == JobState.NEEDS_INPUT && job.question().isPresent()) {
      return job.question().get();
    }
    return source.message().replaceFirst("^the agent asks: ", "");
  }

  private static Optional<String> prUrl(Job job, Forge forge) {
    try {
      return forge.pullRequest(job.repo(), job.prNumber()).map(PullRequest::url);
    } catch (RuntimeException e) {
      LOG.warn("webhook: no pull request address for job {}: {}", job.id(), e.toString());
      return Optional.empty();
    }
  }
}
