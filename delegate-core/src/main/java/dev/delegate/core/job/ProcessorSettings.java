package dev.delegate.core.job;

import dev.delegate.core.SettingChecks;
import dev.delegate.core.agent.Budget;
import dev.delegate.core.criteria.CriteriaSettings;
import java.time.Duration;
import java.util.Objects;

/**
 * How the PR processor runs jobs: each setting's default and its bound live here, and nowhere else.
 * Which node runs them, and with which agent, is the {@link ProcessorNode}.
 *
 * @param lease how long a claim holds without renewal; renewed every third of it
 * @param turnTimeout how long the agent may work on one job
 * @param retry when a job that failed for a transient reason runs again
 * @param pushPartialWork whether a timed-out job's changes are still committed and pushed
 * @param inputTimeout how long a job waits for a person's answer when the agent asks a question;
 *     the worker keeps the agent's conversation that long, then the job fails
 * @param tick how often expired leases and due retries are looked for
 * @param authorName author and committer of the commits a job makes
 * @param authorEmail their email
 * @param budget the most a job may spend when its task names no budget; {@link Budget#NONE}: no
 *     limit
 * @param criteria how the work is checked against the task's acceptance criteria
 */
public record ProcessorSettings(
    Duration lease,
    Duration turnTimeout,
    RetryPolicy retry,
    boolean pushPartialWork,
    Duration inputTimeout,
    Duration tick,
    String authorName,
    String authorEmail,
    Budget budget,
    CriteriaSettings criteria) {

  public static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);

  /**
   * The shortest lease. A node renews its leases every third of their length in a store other nodes
   * share; shorter than a second, a pause of the JVM or a slow round trip to the store would let
   * another node take a job that is still running.
   */
  public static final Duration MIN_LEASE = Duration.ofSeconds(1);

  public static final Duration DEFAULT_TURN_TIMEOUT = Duration.ofMinutes(5);
  public static final boolean DEFAULT_PUSH_PARTIAL_WORK = false;
  public static final Duration DEFAULT_INPUT_TIMEOUT = Duration.ofMinutes(30);
  public static final Duration DEFAULT_TICK = Duration.ofSeconds(1);
  public static final String DEFAULT_AUTHOR_NAME = "Delegate";
  public static final String DEFAULT_AUTHOR_EMAIL = "delegate@localhost";

  public static final ProcessorSettings DEFAULT =
      new ProcessorSettings(
          DEFAULT_LEASE,
          DEFAULT_TURN_TIMEOUT,
          RetryPolicy.DEFAULT,
          DEFAULT_PUSH_PARTIAL_WORK,
          DEFAULT_INPUT_TIMEOUT,
          DEFAULT_TICK,
          DEFAULT_AUTHOR_NAME,
          DEFAULT_AUTHOR_EMAIL,
          Budget.NONE,
          CriteriaSettings.DEFAULT);

  public ProcessorSettings {
    SettingChecks.atLeast("lease", lease, MIN_LEASE);
    SettingChecks.positive("turnTimeout", turnTimeout);
    Objects.requireNonNull(retry, "retry");
    SettingChecks.positive("inputTimeout", inputTimeout);
    SettingChecks.positive("tick", tick);
    SettingChecks.notBlank("authorName", authorName);
    SettingChecks.notBlank("authorEmail", authorEmail);
    Objects.requireNonNull(budget, "budget");
    Objects.requireNonNull(criteria, "criteria");
  }

  public ProcessorSettings withCriteria(CriteriaSettings value) {
    return new ProcessorSettings(
        lease,
        turnTimeout,
        retry,
        pushPartialWork,
        inputTimeout,
        tick,
        authorName,
        authorEmail,
        budget,
        value);
  }

  public ProcessorSettings withLease(Duration value) {
    return new ProcessorSettings(
        value,
        turnTimeout,
        retry,
        pushPartialWork,
        inputTimeout,
        tick,
        authorName,
        authorEmail,
        budget,
        criteria);
  }

  public ProcessorSettings withTurnTimeout(Duration value) {
    return new ProcessorSettings(
        lease,
        value,
        retry,
        pushPartialWork,
        inputTimeout,
        tick,
        authorName,
        authorEmail,
        budget,
        criteria);
  }

  public ProcessorSettings withRetry(RetryPolicy value) {
    return new ProcessorSettings(
        lease,
        turnTimeout,
        value,
        pushPartialWork,
        inputTimeout,
        tick,
        authorName,
        authorEmail,
        budget,
        criteria);
  }

  public ProcessorSettings withPushPartialWork(boolean value) {
    return new ProcessorSettings(
        lease,
        turnTimeout,
        retry,
        value,
        inputTimeout,
        tick,
        authorName,
        authorEmail,
        budget,
        criteria);
  }

  public ProcessorSettings withInputTimeout(Duration value) {
    return new ProcessorSettings(
        lease,
        turnTimeout,
        retry,
        pushPartialWork,
        value,
        tick,
        authorName,
        authorEmail,
        budget,
        criteria);
  }

  public ProcessorSettings withBudget(Budget value) {
    return new ProcessorSettings(
        lease,
        turnTimeout,
        retry,
        pushPartialWork,
        inputTimeout,
        tick,
        authorName,
        authorEmail,
        value,
        criteria);
  }

  public ProcessorSettings withTick(Duration value) {
    return new ProcessorSettings(
        lease,
        turnTimeout,
        retry,
        pushPartialWork,
        inputTimeout,
        value,
        authorName,
        authorEmail,
        budget,
        criteria);
  }
}
