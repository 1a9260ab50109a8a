package dev.delegate.git.workspace;

import static dev.delegate.git.workspace.Fixture.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.delegate.core.PermanentException;
import dev.delegate.core.workspace.CommitRequest;
import dev.delegate.core.workspace.Workspace;
import dev.delegate.git.cli.GitCommand;
import dev.delegate.git.cli.GitIdentity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspacePushTest {
  @TempDir Path data;
  Fixture f;
  String branch;

  @BeforeEach
  void setUp() {
    f = new Fixture(data);
    branch = f.branch("feature/export-button-1733420400000");
  }

  @Test
  void should_commit_every_change_with_author_and_trailers() {
    Workspace ws = f.prepare(branch, 1);
    write(ws.directory(), "src/app.js", "export();\n");
    write(ws.directory(), "README.md", "hello, export\n");
    Map<String, String> trailers = new LinkedHashMap<>();
    trailers.put("Delegate-Job", "job-42");
    trailers.put("Delegate-Task", "task-7");

    String commit = f.commit(ws, "feat: implement feature via Kiro CLI", trailers).orElseThrow();

    assertThat(f.workspaces.changedFiles(ws, commit))
        .containsExactlyInAnyOrder("src/app.js", "README.md");
    String log = f.git.run(ws.directory(), "log", "-1", "--format=%an <%ae>%n%P%n%B", commit);
    assertThat(log)
        .isEqualTo(
            "Delegate Bot <bot@delegate.dev>\n"
                + ws.baseSha()
                + "\nfeat: implement feature via Kiro CLI\n\n"
                + "Delegate-Job: job-42\nDelegate-Task: task-7\n\n");
  }

  @Test
  void should_rewrite_a_top_level_file_in_the_commit_only_when_there_is_something_to_commit() {
    Workspace ws = f.prepare(branch, 1);
    CommitRequest stamped =
        new CommitRequest(
            "feat: stamped",
            "Delegate Bot",
            "bot@delegate.dev",
            Map.of("Delegate-Job", "j-stamp"),
            Map.of("README.md", text -> text + "status: done\n", "MISSING.md", text -> "x"));
    assertThat(f.workspaces.commitAll(ws, stamped)).isEmpty();

    write(ws.directory(), "src/app.js", "export();\n");
    String commit = f.workspaces.commitAll(ws, stamped).orElseThrow();

    assertThat(f.git.run(ws.directory(), "show", commit + ":README.md"))
        .isEqualTo("hello\nstatus: done\n");
    assertThat(f.workspaces.changedFiles(ws, commit))
        .containsExactlyInAnyOrder("README.md", "src/app.js");
    assertThat(f.git.tryExec(GitCommand.in(ws.directory(), "show", commit + ":MISSING.md")).ok())
        .isFalse();
    assertThat(f.git.run(ws.directory(), "show", commit + ":src/app.js")).isEqualTo("export();\n");
  }

  @Test
  void should_commit_nothing_and_push_nothing_when_nothing_changed() {
    Workspace ws = f.prepare(branch, 1);
    write(ws.directory(), "build/ignored.bin", "ignored\n");
    assertThat(f.workspaces.hasChanges(ws)).isFalse();
    assertThat(f.commit(ws, "feat: nothing", Map.of("Delegate-Job", "j1"))).isEmpty();
    assertThat(f.git.run(ws.directory(), "rev-parse", "HEAD").strip()).isEqualTo(ws.baseSha());
    PushResult push = f.workspaces.pushResult(ws, ws.baseSha(), "j1");
    assertThat(push.pushed()).isFalse();
    assertThat(f.remoteHead(branch)).isEqualTo(ws.baseSha());
  }

  @Test
  void should_fold_commits_the_agent_made_into_one_commit_with_the_trailer() {
    Workspace ws = f.prepare(branch, 1);
    write(ws.directory(), "one.txt", "1\n");
    agentCommits(ws, "agent step 1");
    write(ws.directory(), "two.txt", "2\n");
    agentCommits(ws, "agent step 2");
    write(ws.directory(), "three.txt", "3\n");

    assertThat(f.workspaces.hasChanges(ws)).isTrue();
    String commit = f.commit(ws, "feat: job", Map.of("Delegate-Job", "j2")).orElseThrow();

    assertThat(f.workspaces.changedFiles(ws, commit))
        .containsExactlyInAnyOrder("one.txt", "two.txt", "three.txt");
    assertThat(f.git.run(ws.directory(), "rev-parse", commit + "^").strip())
        .isEqualTo(ws.baseSha());
  }

  @Test
  void should_push_and_find_the_pushed_commit_by_its_trailer_on_a_rerun() {
    Workspace ws = f.prepare(branch, 1);
    assertThat(f.workspaces.hasChanges(ws)).isFalse();
    write(ws.directory(), "feature.txt", "done\n");
    assertThat(f.workspaces.hasChanges(ws)).isTrue();
    String commit = f.commit(ws, "feat: job", Map.of("Delegate-Job", "job-9")).orElseThrow();
    PushResult push = f.workspaces.pushResult(ws, commit, "job-9");
    assertThat(push).isEqualTo(new PushResult(commit, true, false));
    assertThat(f.remoteHead(branch)).isEqualTo(commit);

    Workspace rerun = f.prepare(branch, 2);
    assertThat(f.workspaces.findCommitWithTrailer(rerun, "Delegate-Job", "job-9")).contains(commit);
    assertThat(f.workspaces.findCommitWithTrailer(rerun, "Delegate-Job", "job-1")).isEmpty();
    GitWorkspaces otherNode = new GitWorkspaces(data.resolve("other-node"), f.git);
    assertThat(
            otherNode.findPushedCommit(
                f.repo, f.forge.remote(f.repo), branch, "Delegate-Job", "job-9"))
        .contains(commit);
    assertThat(f.workspaces.findCommitWithTrailer(ws, "Delegate-Job", "job-9")).contains(commit);
  }

  @Test
  void should_rebase_and_push_again_when_someone_pushed_to_the_branch_meanwhile() {
    Workspace ws = f.prepare(branch, 1);
    write(ws.directory(), "ours.txt", "ours\n");
    String ours = f.commit(ws, "feat: ours", Map.of("Delegate-Job", "j3")).orElseThrow();
    String theirs = f.forge.putFile(f.repo, branch, "theirs.txt", "theirs\n", "someone else");

    PushResult push = f.workspaces.pushResult(ws, ours, "j3");

    assertThat(push.pushed()).isTrue();
    assertThat(push.rebased()).isTrue();
    assertThat(f.remoteHead(branch)).isEqualTo(push.commit());
    assertThat(f.remoteFile(branch, "ours.txt")).contains("ours\n");
    assertThat(f.remoteFile(branch, "theirs.txt")).contains("theirs\n");
    assertThat(f.git.run(ws.directory(), "rev-parse", push.commit() + "^").strip())
        .isEqualTo(theirs);
    assertThat(f.workspaces.findCommitWithTrailer(ws, "Delegate-Job", "j3"))
        .contains(push.commit());
    String format = "%an <%ae>%n%ad%n%B";
    assertThat(f.git.run(ws.directory(), "log", "-1", "--format=" + format, push.commit()))
        .isEqualTo(f.git.run(ws.directory(), "log", "-1", "--format=" + format, ours));
  }

  @Test
  void should_fetch_and_push_when_the_data_directory_has_a_space_in_its_path() {
    Fixture spaced = new Fixture(data.resolve("with space"));
    String name = spaced.branch("feature/spaced-1");
    Workspace first = spaced.prepare(name, 1);
    write(first.directory(), "a.txt", "a\n");
    String commit = spaced.commit(first, "feat: a", Map.of("Delegate-Job", "sp-1")).orElseThrow();
    spaced.workspaces.push(first, commit, "sp-1");
    spaced.forge.putFile(spaced.repo, name, "b.txt", "b\n", "someone else");

    Workspace again = spaced.prepare(name, 1); // the in-process fetch, after the first one

    assertThat(again.directory().resolve("a.txt")).hasContent("a");
    assertThat(again.directory().resolve("b.txt")).hasContent("b");
  }

  @Test
  void should_push_a_commit_after_its_worker_directory_went_to_another_job() {
    String other = f.branch("feature/other-1733420400001");
    Workspace first = f.prepare(branch, 1);
    write(first.directory(), "first.txt", "first\n");
    String commit = f.commit(first, "feat: first", Map.of("Delegate-Job", "j-first")).orElseThrow();

    Workspace second = f.prepare(other, 1); // the same worker directory, the next job
    write(second.directory(), "second.txt", "second\n");
    PushResult pushed = f.workspaces.pushResult(first, commit, "j-first");

    assertThat(pushed).isEqualTo(new PushResult(commit, true, false));
    assertThat(f.remoteHead(branch)).isEqualTo(commit);
    assertThat(f.remoteFile(branch, "first.txt")).contains("first\n");
    assertThat(f.remoteFile(branch, "second.txt")).isEmpty();
    assertThat(second.directory().resolve("second.txt")).exists();
    assertThat(second.directory().resolve("first.txt")).doesNotExist();
    assertThat(f.git.run(second.directory(), "rev-parse", "--abbrev-ref", "HEAD").strip())
        .isEqualTo(other);
  }

  @Test
  void should_save_the_work_to_a_recovery_ref_when_the_rebase_conflicts() {
    Workspace ws = f.prepare(branch, 1);
    write(ws.directory(), "README.md", "ours\n");
    String ours = f.commit(ws, "feat: ours", Map.of("Delegate-Job", "job-7")).orElseThrow();
    String theirs = f.forge.putFile(f.repo, branch, "README.md", "theirs\n", "someone else");

    assertThatThrownBy(() -> f.workspaces.push(ws, ours, "job-7"))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("conflicts")
        .hasMessageContaining("README.md")
        .hasMessageContaining("refs/delegate/recovery/job-7");

    assertThat(GitWorkspaces.recoveryRef("job-7")).isEqualTo("refs/delegate/recovery/job-7");
    assertThat(f.remoteFile("refs/delegate/recovery/job-7", "README.md")).contains("ours\n");
    assertThat(
            f.git
                .run(f.forge.repositoryPath(f.repo), "rev-parse", "refs/delegate/recovery/job-7")
                .strip())
        .isEqualTo(ours);
    assertThat(f.remoteHead(branch)).isEqualTo(theirs);
    Path admin = Path.of(f.git.run(ws.directory(), "rev-parse", "--absolute-git-dir").strip());
    assertThat(admin.resolve("rebase-merge")).doesNotExist();
    assertThat(f.git.run(ws.directory(), "rev-parse", "HEAD").strip()).isEqualTo(ours);
  }

  @Test
  void should_not_run_hooks_the_agent_planted_in_the_cache() throws Exception {
    Workspace ws = f.prepare(branch, 1);
    Path marker = data.resolve("hook-ran");
    Path hook = f.cache().resolve("hooks/pre-commit");
    Files.createDirectories(hook.getParent());
    Files.writeString(hook, "#!/bin/sh\ntouch '" + marker + "'\n");
    hook.toFile().setExecutable(true);
    f.git.run(ws.directory(), "config", "core.hooksPath", f.cache().resolve("hooks").toString());
    write(ws.directory(), "x.txt", "x\n");

    String commit = f.commit(ws, "feat: x", Fixture.NO_TRAILERS).orElseThrow();
    f.workspaces.push(ws, commit, "j5");

    assertThat(marker).doesNotExist();
  }

  @Test
  void should_not_run_filters_or_helpers_the_agent_configured_in_its_worktree() {
    Workspace ws = f.prepare(branch, 1);
    Path marker = data.resolve("filter-ran");
    f.git.run(ws.directory(), "config", "filter.evil.clean", "touch '" + marker + "'; cat");
    f.git.run(ws.directory(), "config", "credential.helper", "!touch '" + marker + "'");
    write(ws.directory(), ".gitattributes", "*.txt filter=evil\n");
    write(ws.directory(), "x.txt", "x\n");

    String commit = f.commit(ws, "feat: x", Fixture.NO_TRAILERS).orElseThrow();
    f.workspaces.push(ws, commit, "j6");

    assertThat(marker).doesNotExist();
    assertThat(f.remoteFile(branch, "x.txt")).contains("x\n");
  }

  @Test
  void should_refuse_to_commit_when_the_agent_removed_the_worktrees_git_file() throws Exception {
    f.git.run(data, "init", "--quiet"); // the data directory itself sits inside a repository
    Workspace ws = f.prepare(branch, 1);
    Files.delete(ws.directory().resolve(".git"));
    write(ws.directory(), "x.txt", "x\n");

    assertThatThrownBy(() -> f.commit(ws, "feat: x", Fixture.NO_TRAILERS))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("is no longer a worktree");
    assertThat(f.git.tryExec(GitCommand.in(data, "rev-parse", "--verify", "HEAD")).ok()).isFalse();
    assertThat(f.prepare(branch, 1).directory().resolve("x.txt")).doesNotExist();
  }

  @Test
  void should_reject_job_ids_that_cannot_name_a_ref_and_bad_trailers() {
    Workspace ws = f.prepare(branch, 1);
    assertThatThrownBy(() -> f.workspaces.push(ws, ws.baseSha(), "../x"))
        .isInstanceOf(PermanentException.class);
    write(ws.directory(), "x.txt", "x\n");
    assertThatThrownBy(() -> f.commit(ws, "m", Map.of("Bad Key", "v")))
        .isInstanceOf(PermanentException.class);
    assertThatThrownBy(() -> f.commit(ws, "m", Map.of("Delegate-Job", "two\nlines")))
        .isInstanceOf(PermanentException.class);
    assertThatThrownBy(() -> f.workspaces.findCommitWithTrailer(ws, "key,format", "v"))
        .isInstanceOf(PermanentException.class);
  }

  private void agentCommits(Workspace ws, String message) {
    f.git.run(ws.directory(), "add", "--all");
    f.git.exec(
        GitCommand.in(ws.directory(), "commit", "--quiet", "-m", message)
            .env(new GitIdentity("Agent", "agent@example.com").environment()));
  }
}
