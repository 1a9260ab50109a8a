package dev.delegate.git.workspace;

import dev.delegate.core.PermanentException;
import dev.delegate.core.TransientException;
import dev.delegate.core.forge.GitRemote;
import dev.delegate.core.workspace.Workspace;
import dev.delegate.git.cli.Git;
import dev.delegate.git.cli.GitCommand;
import dev.delegate.git.cli.GitFailure;
import dev.delegate.git.cli.GitResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Pushes a job's commit to its branch from the repository's cache clone, never from the worktree it
 * was made in (by then the worktree may hold the next job). When someone else pushed to the branch
 * meanwhile, fetches, replays the commit onto the new head with a three-way merge that needs no
 * checkout ({@code git merge-tree --write-tree}) and pushes again; when that conflicts, saves the
 * work to {@code refs/delegate/recovery/<jobId>} on the remote and fails.
 */
final class Pusher {
  static final String RECOVERY_PREFIX = "refs/delegate/recovery/";
  private static final Pattern JOB_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

  private final Git git;
  private final int attempts;
  private final LocalTransport local;

  Pusher(Git git, int attempts, LocalTransport local) {
    this.git = git;
    this.attempts = attempts;
    this.local = local;
  }

  static boolean isJobId(String jobId) {
    return jobId != null
        && JOB_ID.matcher(jobId).matches()
        && !jobId.contains("..")
        && !jobId.endsWith(".lock");
  }

  static String checkJobId(String jobId) {
    if (!isJobId(jobId)) {
      throw new PermanentException(
          "a job id is 1 to 100 letters, digits, '.', '_' or '-' (it names a recovery ref); was '"
              + jobId
              + "'");
    }
    return jobId;
  }

  /**
   * @param commit the job's one commit, whose parent is the workspace's base
   */
  PushResult push(Workspace ws, CacheRepo cache, Fetcher fetcher, String commit, String jobId) {
    checkJobId(jobId);
    GitRemote remote = ws.remote();
    String onto = ws.baseSha();
    String head = commit;
    if (head.equals(onto)) {
      return new PushResult(head, false, false);
    }
    boolean rebased = false;
    for (int attempt = 1; attempt <= attempts; attempt++) {
      if (send(cache, remote, head, "refs/heads/" + ws.branch(), onto)) {
        cache.recordPushed(ws.branch(), head);
        return new PushResult(head, true, rebased);
      }
      String remoteHead = fetcher.fetch(remote, ws.branch());
      head = replay(ws, cache, jobId, head, remoteHead);
      onto = remoteHead;
      rebased = true;
      if (head.equals(onto)) {
        return new PushResult(head, false, true); // our changes were already on the branch
      }
    }
    throw new TransientException(
        "branch '"
            + ws.branch()
            + "' of "
            + remote.url()
            + " kept moving while job "
            + jobId
            + " pushed ("
            + attempts
            + " attempts); try again");
  }

  /**
   * Pushes {@code commit} to {@code ref}: on top of {@code onto}, or, with {@code onto} null, by
   * force. False when the ref moved on meanwhile. A repository on this machine is pushed to in this
   * process ({@link LocalTransport}), any other with {@code git push}.
   */
  private boolean send(CacheRepo cache, GitRemote remote, String commit, String ref, String onto) {
    Optional<Path> here = LocalTransport.localPath(remote);
    if (here.isPresent()) {
      return local.push(cache.objects().repository(), here.get(), commit, ref, onto);
    }
    boolean force = onto == null;
    GitResult result =
        git.tryExec(
            GitCommand.in(
                    cache.path(),
                    "push",
                    "--porcelain",
                    remote.url(),
                    (force ? "+" : "") + commit + ":" + ref)
                .env(remote.environment()));
    if (result.ok()) {
      return true;
    }
    if (!force && rejectedBecauseBranchMoved(result)) {
      return false;
    }
    throw GitFailure.of(result);
  }

  /**
   * Replaces {@code branch} by {@code commit} only while it points at {@code lease}: in this
   * process by compare-and-swap for a repository on this machine, else {@code git push
   * --force-with-lease=refs/heads/<branch>:<lease>}. False, nothing pushed, when the branch moved.
   */
  boolean pushWithLease(
      CacheRepo cache, GitRemote remote, String branch, String commit, String lease) {
    String ref = "refs/heads/" + branch;
    Optional<Path> here = LocalTransport.localPath(remote);
    if (here.isPresent()) {
      return local.push(cache.objects().repository(), here.get(), commit, ref, lease);
    }
    GitResult result =
        git.tryExec(
            GitCommand.in(
                    cache.path(),
                    "push",
                    "--porcelain",
                    "--force-with-lease=" + ref + ":" + lease,
                    remote.url(),
                    commit + ":" + ref)
                .env(remote.environment()));
    if (result.ok()) {
      return true;
    }
    if (result.stdout().contains("stale info") || rejectedBecauseBranchMoved(result)) {
      return false;
    }
    throw GitFailure.of(result);
  }

  private static boolean rejectedBecauseBranchMoved(GitResult result) {
    boolean rejectedLine =
        result.lines().stream().anyMatch(l -> l.startsWith("!") && l.contains("[rejected]"));
    // the remote moved the branch between its advertisement and our update (its ref lock saw it)
    boolean movedUnderUs =
        result.lines().stream()
            .anyMatch(
                l ->
                    l.startsWith("!")
                        && (l.contains("[remote rejected] (failed to update ref)")
                            || l.contains("[remote rejected] (cannot lock ref")));
    return movedUnderUs
        || (rejectedLine
            && (result.stdout().contains("fetch first")
                || result.stdout().contains("non-fast-forward")
                || result.stderr().contains("Updates were rejected")));
  }

  /**
   * {@code commit} (one commit on top of the old head) applied onto {@code newHead} as a new commit
   * with the same message and author; {@code newHead} itself when that changes nothing.
   */
  private String replay(
      Workspace ws, CacheRepo cache, String jobId, String commit, String newHead) {
    Path repo = cache.path();
    GitResult merged =
        git.tryExec(
            GitCommand.in(repo, "merge-tree", "--write-tree", "--messages", newHead, commit));
    if (merged.exitCode() == 1) {
      throw conflict(ws, cache, jobId, commit, merged);
    }
    if (!merged.ok()) {
      throw GitFailure.of(merged);
    }
    String tree = merged.stdout().lines().findFirst().orElseThrow().strip();
    if (tree.equals(git.run(repo, "rev-parse", newHead + "^{tree}").strip())) {
      return newHead;
    }
    String[] original =
        git.run(
                repo,
                "log",
                "-1",
                "--date=raw",
                "--format=%an%x00%ae%x00%ad%x00%cn%x00%ce%x00%B",
                commit)
            .split("\0", 6);
    Map<String, String> who =
        Map.of(
            "GIT_AUTHOR_NAME", original[0],
            "GIT_AUTHOR_EMAIL", original[1],
            "GIT_AUTHOR_DATE", original[2],
            "GIT_COMMITTER_NAME", original[3],
            "GIT_COMMITTER_EMAIL", original[4]);
    return git.exec(
            GitCommand.in(repo, "commit-tree", tree, "-p", newHead, "-F", "-")
                .env(who)
                .input(original[5].strip() + "\n"))
        .line();
  }

  private PermanentException conflict(
      Workspace ws, CacheRepo cache, String jobId, String commit, GitResult merged) {
    GitRemote remote = ws.remote();
    String recoveryRef = RECOVERY_PREFIX + jobId;
    send(cache, remote, commit, recoveryRef, null);
    List<String> conflicts = merged.stdout().lines().filter(l -> l.startsWith("CONFLICT")).toList();
    return new PermanentException(
        "job "
            + jobId
            + " could not push to branch '"
            + ws.branch()
            + "' of "
            + remote.url()
            + ": the branch moved and our commit conflicts with the new commits"
            + (conflicts.isEmpty() ? "" : " (" + String.join("; ", conflicts) + ")")
            + ". The work is saved on the remote as "
            + recoveryRef
            + "; fetch it with: git fetch <remote> "
            + recoveryRef);
  }
}
