package dev.delegate.testkit.followup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.delegate.core.followup.FollowUpComment;
import dev.delegate.core.followup.FollowUpSettings;
import dev.delegate.core.followup.FollowUps;
import dev.delegate.core.forge.PullRequest;
import dev.delegate.core.forge.RepoRef;
import dev.delegate.core.job.JobState;
import dev.delegate.core.job.JobStore;
import dev.delegate.core.job.NewJob;
import dev.delegate.core.job.ObservableJobStore;
import dev.delegate.testkit.job.FakeForge;
import dev.delegate.testkit.job.SettableClock;
import dev.delegate.testkit.store.InMemoryFollowUpStore;
import dev.delegate.testkit.store.InMemoryJobStore;
import dev.delegate.testkit.store.InMemoryTaskStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The sweep: one job per quiet pull request, announced and woken; the cap said once. */
class FollowUpsTest {
  private static final RepoRef REPO = new RepoRef("local", "sample-app");
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  private final SettableClock clock = new SettableClock(T0);
  private final InMemoryJobStore inner = new InMemoryJobStore();
  private final ObservableJobStore jobs = new ObservableJobStore(inner);
  private final FakeForge forge = new FakeForge();
  private final AtomicInteger wakes = new AtomicInteger();
  private final List<String> announced = new ArrayList<>();
  private final FollowUps followUps =
      new FollowUps(
          new InMemoryFollowUpStore(inner, new InMemoryTaskStore(inner)),
          jobs,
          forge,
          FollowUpSettings.DEFAULT.withDebounce(Duration.ofSeconds(60)).withMaxFollowUps(1),
          clock,
          wakes::incrementAndGet);

  private int endedPullRequest() {
    PullRequest pr = forge.pullRequestWith(REPO, "feature/x", Map.of(), "body");
    jobs.enqueue(new NewJob("j-1", REPO, pr.number(), "feature/x", "Do it."), T0);
    assertThat(jobs.cancel("j-1", "ended for the test", T0)).isEqualTo(JobStore.Cancel.CANCELLED);
    return pr.number();
  }

  private void remark(int number, String key) {
    followUps.add(
        FollowUpComment.comment(key, REPO, number, "mona", "Fix " + key, clock.instant()));
  }

  @Test
  void should_start_one_announced_job_once_the_pull_request_is_quiet_and_say_once_past_the_cap() {
    int number = endedPullRequest();
    jobs.subscribe(
        new ObservableJobStore.Listener() {
          @Override
          public void changed(ObservableJobStore.StateChange change) {
            if (change.state() == JobState.QUEUED) {
              announced.add(change.jobId());
            }
          }

          @Override
          public void missed() {}
        });
    remark(number, "a");
    clock.advance(Duration.ofSeconds(30));
    remark(number, "b");
    clock.advance(Duration.ofSeconds(59));
    assertThat(followUps.sweep()).as("within the debounce of the last remark").isZero();

    clock.advance(Duration.ofSeconds(2));
    assertThat(followUps.sweep()).isEqualTo(1);
    String followUp = jobs.findByPullRequest(REPO, number).orElseThrow().id();
    assertThat(announced).containsExactly(followUp);
    assertThat(wakes).hasValue(1);
    assertThat(jobs.find(followUp).orElseThrow().taskDetails()).contains("Fix a").contains("Fix b");

    assertThat(jobs.cancel(followUp, "ended for the test", clock.instant()))
        .isEqualTo(JobStore.Cancel.CANCELLED);
    remark(number, "c");
    clock.advance(Duration.ofMinutes(2));
    assertThat(followUps.sweep()).isZero();
    remark(number, "d");
    clock.advance(Duration.ofMinutes(2));
    assertThat(followUps.sweep()).isZero();

    assertThat(forge.comments(REPO, number)).containsExactly(FollowUps.capComment(1));
    assertThat(jobs.findByPullRequest(REPO, number).orElseThrow().id()).isEqualTo(followUp);
  }
}
