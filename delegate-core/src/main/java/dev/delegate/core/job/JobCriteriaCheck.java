package dev.delegate.core.job;

import dev.delegate.core.agent.TurnContinuation;
import dev.delegate.core.agent.TurnOutcome;
import dev.delegate.core.agent.TurnResult;
import dev.delegate.core.criteria.CheckCommand;
import dev.delegate.core.criteria.CriteriaLoop;
import dev.delegate.core.criteria.CriteriaSettings;
import dev.delegate.core.criteria.CriteriaSummary;
import dev.delegate.core.criteria.Criterion;
import dev.delegate.core.criteria.CriterionVerdict;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One attempt's check of the job's work against its acceptance criteria: the {@link CriteriaLoop}
 * the agent's turn is continued with, and what it found, kept on the job and said in its messages.
 */
final class JobCriteriaCheck {
  private static final Logger LOG = LoggerFactory.getLogger(JobCriteriaCheck.class);

  private final Job job;
  private final JobServices services;
  private final CriteriaLoop loop;
  private volatile List<CriterionVerdict> verdicts = List.of();

  JobCriteriaCheck(Job job, JobServices services) {
    this.job = job;
    this.services = services;
    List<Criterion> asked = services.store().criteria(job.id()).criteria();
    CriteriaSettings settings = services.settings().criteria();
    this.loop =
        asked.isEmpty()
            ? null
            : new CriteriaLoop(
                asked,
                settings.rounds(),
                new CheckCommand(settings.checkTimeout(), System.getenv()));
  }

  TurnContinuation continuation() {
    return loop == null ? TurnContinuation.NONE : loop;
  }

  /**
   * The outcome the job goes by: a turn that ran out of time (not out of budget) while the criteria
   * were judged or fixed, after the agent's work itself completed, counts as completed with the
   * verdicts it got to.
   */
  TurnOutcome outcome(TurnResult turn, boolean budgetReached) {
    boolean workDone = loop != null && loop.workCompleted();
    return turn.outcome() == TurnOutcome.TIMED_OUT && workDone && !budgetReached
        ? TurnOutcome.COMPLETED
        : turn.outcome();
  }

  /** Keeps the verdicts on the job, with an event, once the work was checked. */
  void record() {
    if (loop == null || loop.verdicts().isEmpty()) {
      return;
    }
    verdicts = loop.verdicts();
    if (!services.store().recordVerdicts(job.id(), verdicts)) {
      LOG.warn("job {}: could not record the verdicts of its criteria", job.id());
    }
    services
        .store()
        .note(
            job.id(),
            CriteriaSummary.of(verdicts)
                + (loop.fixes() > 0 ? " after " + loop.fixes() + " fix turn(s)" : ""),
            services.clock().instant());
  }

  List<CriterionVerdict> verdicts() {
    return verdicts;
  }

  /** "; 2 of 3 acceptance criteria met", or nothing when the work was not checked. */
  String met() {
    List<CriterionVerdict> known = verdicts;
    return known.isEmpty() ? "" : "; " + CriteriaSummary.of(known);
  }
}
