package dev.delegate.core.job;

import java.time.Instant;
import java.util.Optional;

/** Fields set together with a state change; empty ones are left as they are. */
public record JobChange(
    Optional<String> commitSha,
    Optional<String> failure,
    Optional<String> transcript,
    Optional<Instant> notBefore) {

  public static final JobChange NONE =
      new JobChange(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

  public static JobChange commit(String sha) {
    return new JobChange(Optional.of(sha), Optional.empty(), Optional.empty(), Optional.empty());
  }

  public static JobChange failure(String reason) {
    return new JobChange(Optional.empty(), Optional.of(reason), Optional.empty(), Optional.empty());
  }

  public static JobChange retryAt(Instant notBefore, String reason) {
    return new JobChange(
        Optional.empty(), Optional.of(reason), Optional.empty(), Optional.of(notBefore));
  }

  public JobChange withTranscript(String path) {
    return new JobChange(commitSha, failure, Optional.of(path), notBefore);
  }
}
