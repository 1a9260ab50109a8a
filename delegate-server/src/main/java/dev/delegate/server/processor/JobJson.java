package dev.delegate.server.processor;

import dev.delegate.core.criteria.JobCriteria;
import dev.delegate.core.job.Job;
import dev.delegate.core.job.JobEvent;
import dev.delegate.core.job.JobState;
import dev.delegate.server.http.BudgetJson;
import dev.delegate.server.http.CriteriaJson;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A job as the status API shows it: its fields, its events and the time spent in each state. */
public final class JobJson {
  private JobJson() {}

  public static Map<String, Object> of(
      Job job, List<JobEvent> events, JobCriteria criteria, Instant now) {
    Map<String, Object> body = summary(job);
    body.put("createdAt", job.createdAt().toString());
    body.put("notBefore", job.notBefore().toString());
    body.put("commit", job.commitSha().orElse(null));
    body.put("failure", job.failure().orElse(null));
    body.put("question", job.question().orElse(null));
    body.put("cancelRequest", job.cancelRequest().orElse(null));
    body.put("transcript", job.transcript().orElse(null));
    body.put("node", job.leaseOwner().or(job::ranOn).orElse(null));
    body.put("agent", job.agent().orElse(null));
    body.put("usage", BudgetJson.of(job.usage()));
    body.put("budget", BudgetJson.of(job.budget()));
    CriteriaJson.put(body, criteria);
    body.put("timingsMs", timings(events, job.state().isFinal() ? null : now));
    body.put("events", events.stream().map(JobJson::event).toList());
    body.put(
        "approvals",
        events.stream()
            .map(JobEvent::message)
            .filter(m -> m.startsWith(JobEvent.APPROVAL_NOTE))
            .map(m -> m.substring(JobEvent.APPROVAL_NOTE.length()))
            .toList());
    return body;
  }

  public static Map<String, Object> summary(Job job) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", job.id());
    body.put("owner", job.repo().owner());
    body.put("repo", job.repo().name());
    body.put("prNumber", job.prNumber());
    body.put("branch", job.branch());
    body.put("kind", job.kind().name().toLowerCase(java.util.Locale.ROOT));
    body.put("state", job.state().name());
    body.put("attempts", job.attempts());
    body.put("updatedAt", job.updatedAt().toString());
    return body;
  }

  /** Milliseconds spent in each state, summed over attempts; the current state counts to now. */
  public static Map<String, Long> timings(List<JobEvent> events, Instant nowIfRunning) {
    Map<JobState, Long> spent = new EnumMap<>(JobState.class);
    for (int i = 0; i < events.size(); i++) {
      JobEvent event = events.get(i);
      Instant end = i + 1 < events.size() ? events.get(i + 1).at() : nowIfRunning;
      if (end != null) {
        spent.merge(event.to(), Duration.between(event.at(), end).toMillis(), Long::sum);
      }
    }
    Map<String, Long> named = new LinkedHashMap<>();
    spent.forEach((state, millis) -> named.put(state.name(), millis));
    return named;
  }

  private static Map<String, Object> event(JobEvent e) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("at", e.at().toString());
    body.put("from", e.from().map(Enum::name).orElse(null));
    body.put("to", e.to().name());
    body.put("message", e.message());
    body.put("note", e.isNote());
    return body;
  }
}
