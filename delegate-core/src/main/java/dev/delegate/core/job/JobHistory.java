package dev.delegate.core.job;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the store holds about jobs' movements since a moment, read as one consistent snapshot: the
 * input of the {@link Dashboard}.
 *
 * @param events every event at or after the moment, in the order they were recorded
 * @param unchanged the active jobs without any event since the moment, with their state: they were
 *     in it throughout
 */
public record JobHistory(List<Entry> events, Map<String, JobState> unchanged) {
  /** How many characters of an approval note's message the history keeps. */
  public static final int APPROVAL_CHARS = 120;

  public JobHistory {
    events = List.copyOf(events);
    unchanged = Map.copyOf(unchanged);
  }

  /**
   * One event with the creation time of its job.
   *
   * @param approval for a note recording an approval decision, the first {@link #APPROVAL_CHARS}
   *     characters of its message; empty for every other event
   */
  public record Entry(
      String jobId,
      Instant jobCreatedAt,
      Instant at,
      Optional<JobState> from,
      JobState to,
      String approval) {

    public boolean isNote() {
      return from.map(f -> f == to).orElse(false);
    }

    /** The history's entry for {@code event} of a job created at {@code jobCreatedAt}. */
    public static Entry of(JobEvent event, Instant jobCreatedAt) {
      String message = event.message();
      String approval =
          event.isNote() && message.startsWith(JobEvent.APPROVAL_NOTE)
              ? message.substring(0, Math.min(APPROVAL_CHARS, message.length()))
              : "";
      return new Entry(event.jobId(), jobCreatedAt, event.at(), event.from(), event.to(), approval);
    }
  }
}
