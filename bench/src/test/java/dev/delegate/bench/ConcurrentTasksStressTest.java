package dev.delegate.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.delegate.core.job.Job;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many tasks at once through the whole service, as users send them: 200 posted together to the
 * delegation API of a node with 16 scripted agents on H2 and the local forge. Every task must end
 * SUCCEEDED with exactly one agent commit, carrying its own job's trailer and its own file, on its
 * own branch, and the job must record that commit. Workspaces reused while a previous job still
 * committed in them, or a cache clone shared without care, show up here as wrong or lost work.
 */
class ConcurrentTasksStressTest {
  @TempDir Path data;

  @Test
  void should_finish_two_hundred_tasks_posted_at_once_each_with_one_commit_on_its_own_branch()
      throws Exception {
    try (LoadRun run = LoadRun.start(data, 16).awaitReady(Duration.ofMinutes(3))) {
      List<LoadRun.Submitted> posted = run.postAll("s", 200, 0, 200);
      Map<String, Job> jobs = run.awaitEnd(posted, Duration.ofMinutes(8));

      Map<String, String> wrong = new LinkedHashMap<>();
      for (LoadRun.Submitted task : posted) {
        run.check(task, jobs.get(task.jobId())).ifPresent(p -> wrong.put(task.name(), p));
      }
      assertThat(wrong.size())
          .as(
              "%d of %d tasks did not end right; the first: %s",
              wrong.size(), posted.size(), wrong.entrySet().stream().limit(5).toList())
          .isZero();
      assertThat(posted).extracting(LoadRun.Submitted::branch).doesNotHaveDuplicates();
    }
  }
}
