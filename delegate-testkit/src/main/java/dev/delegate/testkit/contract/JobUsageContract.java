package dev.delegate.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.delegate.core.agent.Budget;
import dev.delegate.core.agent.Usage;
import dev.delegate.core.job.Job;
import dev.delegate.core.job.JobChange;
import dev.delegate.core.job.JobState;
import dev.delegate.core.job.NewJob;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * How every job store keeps what a job spent ({@link Job#usage}) and the most it may spend ({@link
 * Job#budget}): added part by part, kept through moves and retries, and no add lost when many
 * writers add at once.
 */
public abstract class JobUsageContract extends JobStoreFixture {

  private static Usage usage(long in, long out, String cost, String credits) {
    return Usage.NONE
        .withInputTokens(in)
        .withOutputTokens(out)
        .withCostUsd(new BigDecimal(cost))
        .withCredits(new BigDecimal(credits));
  }

  private static void assertSame(Usage actual, Usage expected) {
    assertThat(actual.inputTokens()).isEqualTo(expected.inputTokens());
    assertThat(actual.outputTokens()).isEqualTo(expected.outputTokens());
    assertSame(actual.costUsd(), expected.costUsd());
    assertSame(actual.credits(), expected.credits());
  }

  private static void assertSame(Optional<BigDecimal> actual, Optional<BigDecimal> expected) {
    assertThat(actual.isPresent()).isEqualTo(expected.isPresent());
    expected.ifPresent(e -> assertThat(actual.orElseThrow()).isEqualByComparingTo(e));
  }

  @Test
  void should_report_nothing_spent_and_no_budget_for_a_new_job() {
    Job job = store.enqueue(newJob("job-1", 1), at(0)).job();

    assertThat(job.usage().isEmpty()).isTrue();
    assertThat(job.budget().isNone()).isTrue();
    assertThat(store.find("job-1").orElseThrow().usage().isEmpty()).isTrue();
  }

  @Test
  void should_keep_the_budget_a_job_was_enqueued_with() {
    NewJob asked =
        new NewJob(
            "job-1",
            REPO,
            1,
            "feature/export-1",
            "Add an export button",
            new Budget(Optional.of(new BigDecimal("0.50")), Optional.of(new BigDecimal("2"))));

    store.enqueue(asked, at(0));

    Budget kept = store.find("job-1").orElseThrow().budget();
    assertSame(kept.maxCostUsd(), Optional.of(new BigDecimal("0.5")));
    assertSame(kept.maxCredits(), Optional.of(new BigDecimal("2")));
  }

  @Test
  void should_add_each_reported_part_and_leave_unreported_parts_empty() {
    store.enqueue(newJob("job-1", 1), at(0));

    assertThat(store.addUsage("job-1", Usage.NONE.withInputTokens(1200).withOutputTokens(300)))
        .isTrue();
    assertThat(store.addUsage("job-1", Usage.NONE.withInputTokens(800))).isTrue();
    assertThat(store.addUsage("job-1", Usage.NONE)).isTrue();

    Usage spent = store.find("job-1").orElseThrow().usage();
    assertThat(spent.inputTokens()).hasValue(2000);
    assertThat(spent.outputTokens()).hasValue(300);
    assertThat(spent.costUsd()).isEmpty();
    assertThat(spent.credits()).isEmpty();
  }

  @Test
  void should_say_when_there_is_no_such_job() {
    assertThat(store.addUsage("nobody", usage(1, 1, "0.01", "0.1"))).isFalse();
  }

  @Test
  void should_keep_the_usage_through_moves_and_a_retry() {
    store.enqueue(newJob("job-1", 1), at(0));
    Job claimed = claimAndMove("node-a", at(1), JobState.RUNNING);
    store.addUsage(claimed.id(), usage(100, 10, "0.010000", "0.25"));
    store.transition(
        claimed.id(), "node-a", JobState.QUEUED, "retry", JobChange.retryAt(at(2), "x"), at(1));
    Job again = store.claim("node-b", LEASE, at(3)).orElseThrow();

    store.addUsage(again.id(), usage(50, 5, "0.0025", "0.05"));
    store.transition(again.id(), "node-b", JobState.FAILED, "done", JobChange.NONE, at(4));

    Job ended = store.find("job-1").orElseThrow();
    assertThat(ended.state()).isEqualTo(JobState.FAILED);
    assertSame(ended.usage(), usage(150, 15, "0.0125", "0.30"));
    assertSame(again.usage(), usage(100, 10, "0.01", "0.25"));
  }

  @Test
  void should_lose_no_add_when_many_writers_add_at_once() throws Exception {
    store.enqueue(newJob("job-1", 1), at(0));
    store.enqueue(newJob("job-2", 2), at(0));
    int writers = 16;
    int addsEach = 10;

    List<Boolean> added =
        Race.run(
            writers,
            i -> {
              boolean all = true;
              for (int n = 0; n < addsEach; n++) {
                String job = (i + n) % 2 == 0 ? "job-1" : "job-2";
                all &= store.addUsage(job, usage(3, 2, "0.000125", "0.01"));
              }
              return all;
            });

    assertThat(added).containsOnly(true);
    int each = writers * addsEach / 2;
    assertSame(
        store.find("job-1").orElseThrow().usage(), usage(3L * each, 2L * each, "0.010000", "0.80"));
    assertSame(
        store.find("job-2").orElseThrow().usage(), usage(3L * each, 2L * each, "0.010000", "0.80"));
  }
}
