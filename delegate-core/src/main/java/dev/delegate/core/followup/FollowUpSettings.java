package dev.delegate.core.followup;

import dev.delegate.core.SettingChecks;
import java.time.Duration;

/**
 * How remarks on a pull request become follow-up jobs.
 *
 * @param debounce how long a pull request must be quiet (no new remark) before its remarks make one
 *     job, so that a review's many comments make one job
 * @param maxFollowUps follow-up jobs per pull request; past it Delegate comments once that a person
 *     is needed and makes no more
 * @param logLines how many of a failed check's last log lines go to the agent
 */
public record FollowUpSettings(Duration debounce, int maxFollowUps, int logLines) {
  public static final Duration DEFAULT_DEBOUNCE = Duration.ofSeconds(60);
  public static final int DEFAULT_MAX_FOLLOW_UPS = 3;
  public static final int DEFAULT_LOG_LINES = 80;

  public static final FollowUpSettings DEFAULT =
      new FollowUpSettings(DEFAULT_DEBOUNCE, DEFAULT_MAX_FOLLOW_UPS, DEFAULT_LOG_LINES);

  public FollowUpSettings {
    SettingChecks.notNegative("reviewDebounce", debounce);
    SettingChecks.atLeast("maxFollowUps", maxFollowUps, 0);
    SettingChecks.between("logLines", logLines, 1, 10_000);
  }

  public FollowUpSettings withDebounce(Duration value) {
    return new FollowUpSettings(value, maxFollowUps, logLines);
  }

  public FollowUpSettings withMaxFollowUps(int value) {
    return new FollowUpSettings(debounce, value, logLines);
  }
}
