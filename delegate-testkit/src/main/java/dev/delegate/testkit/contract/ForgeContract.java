package dev.delegate.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.delegate.core.PermanentException;
import dev.delegate.core.forge.Forge;
import dev.delegate.core.forge.GitRemote;
import dev.delegate.core.forge.PullRequest;
import dev.delegate.core.forge.PullRequestUpdate;
import dev.delegate.core.forge.RepoRef;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Forge} adapter must do, written once. A subclass provides a forge holding
 * {@link #repo()} with a {@code main} branch, and a way to read a file back.
 */
public abstract class ForgeContract {
  protected static final RepoRef MISSING = new RepoRef("nobody", "nothing");

  protected abstract Forge forge();

  /** An existing repository whose {@code main} branch has at least one commit. */
  protected abstract RepoRef repo();

  /** A file's content on a branch, read behind the forge's back. */
  protected abstract Optional<String> readFile(String branch, String path);

  private String head(String branch) {
    return forge().branchHead(repo(), branch).orElseThrow();
  }

  private String branchWithCommit(String branch) {
    forge().createBranch(repo(), branch, "main");
    forge().putFile(repo(), branch, "TASK.md", "# " + branch + "\n", "feat: " + branch);
    return branch;
  }

  @Test
  public void should_report_the_head_of_an_existing_branch_and_none_for_a_missing_one() {
    assertThat(head("main")).matches("[0-9a-f]{40}");
    assertThat(forge().branchHead(repo(), "feature/missing")).isEmpty();
  }

  @Test
  public void should_fail_permanently_for_a_repository_that_does_not_exist() {
    assertThatThrownBy(() -> forge().branchHead(MISSING, "main"))
        .isInstanceOf(PermanentException.class);
  }

  @Test
  public void should_create_a_branch_at_the_head_of_its_base() {
    forge().createBranch(repo(), "feature/new", "main");
    assertThat(head("feature/new")).isEqualTo(head("main"));
  }

  @Test
  public void should_refuse_to_create_a_branch_that_exists_or_comes_from_nowhere() {
    forge().createBranch(repo(), "feature/once", "main");
    assertThatThrownBy(() -> forge().createBranch(repo(), "feature/once", "main"))
        .isInstanceOf(PermanentException.class);
    assertThatThrownBy(() -> forge().createBranch(repo(), "feature/other", "no-such-base"))
        .isInstanceOf(PermanentException.class);
    assertThat(forge().branchHead(repo(), "feature/other")).isEmpty();
  }

  @Test
  public void should_write_a_new_file_as_a_commit_that_moves_the_branch() {
    forge().createBranch(repo(), "feature/file", "main");
    String before = head("feature/file");
    String commit =
        forge().putFile(repo(), "feature/file", "docs/TASK.md", "# Task\n", "feat: task");
    assertThat(commit).matches("[0-9a-f]{40}").isNotEqualTo(before);
    assertThat(head("feature/file")).isEqualTo(commit);
    assertThat(head("main")).isEqualTo(before);
    assertThat(readFile("feature/file", "docs/TASK.md")).contains("# Task\n");
  }

  @Test
  public void should_replace_an_existing_file_as_another_commit() {
    forge().createBranch(repo(), "feature/twice", "main");
    String first = forge().putFile(repo(), "feature/twice", "TASK.md", "one\n", "first");
    String second = forge().putFile(repo(), "feature/twice", "TASK.md", "two ✓\n", "second");
    assertThat(second).isNotEqualTo(first);
    assertThat(head("feature/twice")).isEqualTo(second);
    assertThat(readFile("feature/twice", "TASK.md")).contains("two ✓\n");
  }

  @Test
  public void should_refuse_to_write_to_a_missing_branch() {
    assertThatThrownBy(() -> forge().putFile(repo(), "feature/missing", "a.txt", "a", "m"))
        .isInstanceOf(PermanentException.class);
  }

  @Test
  public void should_open_a_pull_request_and_read_it_back() {
    branchWithCommit("feature/pr");
    PullRequest pr =
        forge().createPullRequest(repo(), "Add Export Button", "Body ✓", "feature/pr", "main");
    assertThat(pr.number()).isPositive();
    assertThat(pr.repo()).isEqualTo(repo());
    assertThat(pr.title()).isEqualTo("Add Export Button");
    assertThat(pr.body()).isEqualTo("Body ✓");
    assertThat(pr.head()).isEqualTo("feature/pr");
    assertThat(pr.base()).isEqualTo("main");
    assertThat(pr.state()).isEqualTo("open");
    assertThat(pr.url()).endsWith("/" + pr.number());
    assertThat(forge().pullRequest(repo(), pr.number())).contains(pr);
  }

  @Test
  public void should_number_pull_requests_upwards_and_know_unknown_numbers() {
    int first =
        forge()
            .createPullRequest(repo(), "one", "", branchWithCommit("feature/one"), "main")
            .number();
    int second =
        forge()
            .createPullRequest(repo(), "two", "", branchWithCommit("feature/two"), "main")
            .number();
    assertThat(second).isGreaterThan(first);
    assertThat(forge().pullRequest(repo(), second + 100)).isEmpty();
  }

  @Test
  public void should_refuse_pull_requests_that_github_refuses() {
    assertThatThrownBy(() -> forge().createPullRequest(repo(), "t", "", "feature/missing", "main"))
        .as("missing head branch")
        .isInstanceOf(PermanentException.class);
    forge().createBranch(repo(), "feature/empty", "main");
    assertThatThrownBy(() -> forge().createPullRequest(repo(), "t", "", "feature/empty", "main"))
        .as("no commits between the branches")
        .isInstanceOf(PermanentException.class);
    forge().createPullRequest(repo(), "t", "", branchWithCommit("feature/dup"), "main");
    assertThatThrownBy(() -> forge().createPullRequest(repo(), "t", "", "feature/dup", "main"))
        .as("a second open pull request for the same branches")
        .isInstanceOf(PermanentException.class);
  }

  @Test
  public void should_read_a_file_back_and_nothing_for_a_missing_file_or_branch() {
    branchWithCommit("feature/read");
    forge().putFile(repo(), "feature/read", "docs/a b.md", "text ✓\nline 2\n", "docs");
    assertThat(forge().readFile(repo(), "feature/read", "docs/a b.md"))
        .contains("text ✓\nline 2\n");
    assertThat(forge().readFile(repo(), "feature/read", "TASK.md")).contains("# feature/read\n");
    assertThat(forge().readFile(repo(), "feature/read", "missing.md")).isEmpty();
    assertThat(forge().readFile(repo(), "feature/none", "TASK.md")).isEmpty();
  }

  @Test
  public void should_delete_a_branch_and_shrug_at_a_missing_one() {
    branchWithCommit("feature/gone");
    forge().deleteBranch(repo(), "feature/gone");
    assertThat(forge().branchHead(repo(), "feature/gone")).isEmpty();
    forge().deleteBranch(repo(), "feature/gone");
    assertThat(forge().branchHead(repo(), "main")).isPresent();
  }

  @Test
  public void should_find_the_open_pull_request_of_a_branch() {
    assertThat(forge().openPullRequest(repo(), "feature/lookup")).isEmpty();
    PullRequest pr =
        forge().createPullRequest(repo(), "t", "b", branchWithCommit("feature/lookup"), "main");
    branchWithCommit("feature/lookup-other");
    assertThat(forge().openPullRequest(repo(), "feature/lookup")).contains(pr);
    assertThat(forge().openPullRequest(repo(), "feature/lookup-other")).isEmpty();
  }

  @Test
  public void should_replace_a_body_and_close_a_pull_request() {
    PullRequest pr =
        forge()
            .createPullRequest(repo(), "t", "⏳ working", branchWithCommit("feature/edit"), "main");
    PullRequest edited =
        forge().updatePullRequest(repo(), pr.number(), PullRequestUpdate.body("✅ done"));
    assertThat(edited.body()).isEqualTo("✅ done");
    assertThat(edited.state()).isEqualTo("open");
    assertThat(forge().pullRequest(repo(), pr.number()).orElseThrow().body()).isEqualTo("✅ done");
    PullRequest closed =
        forge().updatePullRequest(repo(), pr.number(), PullRequestUpdate.closing());
    assertThat(closed.state()).isEqualTo("closed");
    assertThat(closed.body()).isEqualTo("✅ done");
    assertThat(forge().openPullRequest(repo(), "feature/edit")).isEmpty();
    assertThatThrownBy(
            () -> forge().updatePullRequest(repo(), 999, PullRequestUpdate.body("nothing")))
        .isInstanceOf(PermanentException.class);
  }

  @Test
  public void should_keep_comments_oldest_first() {
    int number =
        forge()
            .createPullRequest(repo(), "t", "", branchWithCommit("feature/talk"), "main")
            .number();
    assertThat(forge().comments(repo(), number)).isEmpty();
    forge().comment(repo(), number, "⏳ Code is being generated");
    forge().comment(repo(), number, "second");
    forge().comment(repo(), number, "✅ done");
    assertThat(forge().comments(repo(), number))
        .containsExactly("⏳ Code is being generated", "second", "✅ done");
  }

  @Test
  public void should_refuse_comments_on_a_pull_request_that_does_not_exist() {
    assertThatThrownBy(() -> forge().comment(repo(), 999, "hello"))
        .isInstanceOf(PermanentException.class);
  }

  @Test
  public void should_give_a_remote_without_credentials_in_its_url() {
    GitRemote remote = forge().remote(repo());
    assertThat(remote.url()).doesNotContain("@").endsWith(repo().name() + ".git");
    assertThat(remote.toString()).isEqualTo(remote.url());
  }

  @Test
  public void should_reject_invalid_branch_names_before_asking_the_forge() {
    assertThatThrownBy(() -> forge().branchHead(repo(), "--upload-pack=x"))
        .isInstanceOf(PermanentException.class);
    assertThatThrownBy(() -> forge().createBranch(repo(), "a..b", "main"))
        .isInstanceOf(PermanentException.class);
    assertThatThrownBy(() -> forge().putFile(repo(), "main", "../x", "x", "m"))
        .isInstanceOf(PermanentException.class);
  }
}
