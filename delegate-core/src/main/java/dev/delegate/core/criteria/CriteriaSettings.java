package dev.delegate.core.criteria;

import dev.delegate.core.SettingChecks;
import java.time.Duration;

/**
 * How a job's work is checked against its acceptance criteria.
 *
 * @param rounds how many times criteria that are not met go back to the agent to be fixed before
 *     the commit ({@code --criteria-rounds}); 0: they are only reported
 * @param checkTimeout how long one check command may run before its process tree is killed
 */
public record CriteriaSettings(int rounds, Duration checkTimeout) {
  public static final int DEFAULT_ROUNDS = 1;
  public static final int MAX_ROUNDS = 10;
  public static final Duration DEFAULT_CHECK_TIMEOUT = Duration.ofMinutes(2);
  public static final CriteriaSettings DEFAULT =
      new CriteriaSettings(DEFAULT_ROUNDS, DEFAULT_CHECK_TIMEOUT);

  public CriteriaSettings {
    SettingChecks.between("criteriaRounds", rounds, 0, MAX_ROUNDS);
    SettingChecks.positive("checkTimeout", checkTimeout);
  }

  public CriteriaSettings withRounds(int value) {
    return new CriteriaSettings(value, checkTimeout);
  }

  public CriteriaSettings withCheckTimeout(Duration value) {
    return new CriteriaSettings(rounds, value);
  }
}
