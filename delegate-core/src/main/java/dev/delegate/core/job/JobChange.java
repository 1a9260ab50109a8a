package dev.delegate.core.job;

import java.time.Instant;
import java.util.Optional;

/**
 * Fields set together with a state change. The commit, transcript and {@code notBefore} are left as
 * they are when empty; {@code failure} and {@code question} describe the state the job moves to, so
 * an empty one clears what the previous state left.
 */
public record JobChange(
    Optional<String> commitSha,
    Optional<String> failure,
    Optional<String> question,
    Optional<String> transcript,
    Optional<Instant> notBefore) {

  public static final JobChange NONE =
      new JobChange(
          Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

  public static JobChange commit(String sha) {
    return NONE.with(Optional.of(sha), Optional.empty(), Optional.empty());
  }

  public static JobChange failure(String reason) {
    return NONE.with(Optional.empty(), Optional.of(reason), Optional.empty());
  }

  /** The agent's question, for a move to {@code NEEDS_INPUT}. */
  public static JobChange question(String question) {
    return NONE.with(Optional.empty(), Optional.empty(), Optional.of(question));
  }

  public static JobChange retryAt(Instant notBefore, String reason) {
    return new JobChange(
        Optional.empty(),
        Optional.of(reason),
        Optional.empty(),
        Optional.empty(),
        Optional.of(notBefore));
  }

  public JobChange withTranscript(String path) {
    return new JobChange(commitSha, failure, question, Optional.of(path), notBefore);
  }

  private JobChange with(
      Optional<String> commit, Optional<String> failureReason, Optional<String> asked) {
    return new JobChange(commit, failureReason, asked, transcript, notBefore);
  }
}
