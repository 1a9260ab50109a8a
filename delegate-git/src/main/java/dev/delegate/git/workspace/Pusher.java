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
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Pushes a workspace's commits to its branch. When someone else pushed to the branch meanwhile,
 * fetches, rebases our commits onto the new head and pushes again; when the rebase conflicts, saves
 * the work to {@code refs/delegate/recovery/<jobId>} on the remote and fails.
 */
final class Pusher {
  static final String RECOVERY_PREFIX = "refs/delegate/recovery/";
  private static final Pattern JOB_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

  private final Git git;
  private final int attempts;

  Pusher(Git git, int attempts) {
    this.git = git;
    this.attempts = attempts;
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

  PushResult push(Workspace ws, CacheRepo cache, String jobId) {
    checkJobId(jobId);
    GitRemote remote = ws.remote();
    Path dir = ws.directory();
    String onto = ws.baseSha();
    String head = head(dir);
    if (head.equals(onto)) {
      return new PushResult(head, false, false);
    }
    boolean rebased = false;
    for (int attempt = 1; attempt <= attempts; attempt++) {
      GitResult result =
          git.tryExec(
              GitCommand.in(
                      dir, "push", "--porcelain", remote.url(), "HEAD:refs/heads/" + ws.branch())
                  .env(remote.environment()));
      if (result.ok()) {
        String pushed = head;
        CacheLock.with(cache.path(), () -> cache.recordPushed(ws.branch(), pushed));
        return new PushResult(head, true, rebased);
      }
      if (!rejectedBecauseBranchMoved(result)) {
        throw GitFailure.of(result);
      }
      String remoteHead = CacheLock.with(cache.path(), () -> cache.fetch(remote, ws.branch()));
      rebase(ws, jobId, onto, remoteHead);
      onto = remoteHead;
      head = head(dir);
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

  private static boolean rejectedBecauseBranchMoved(GitResult result) {
    boolean rejectedLine =
        result.lines().stream().anyMatch(l -> l.startsWith("!") && l.contains("[rejected]"));
    return rejectedLine
        && (result.stdout().contains("fetch first")
            || result.stdout().contains("non-fast-forward")
            || result.stderr().contains("Updates were rejected"));
  }

  private void rebase(Workspace ws, String jobId, String onto, String newHead) {
    GitRemote remote = ws.remote();
    Path dir = ws.directory();
    GitResult result =
        git.tryExec(
            GitCommand.in(
                    dir,
                    "-c",
                    "rebase.autoStash=false",
                    "-c",
                    "rebase.updateRefs=false",
                    "rebase",
                    "--quiet",
                    "--onto",
                    newHead,
                    onto)
                .env(committer(dir)));
    if (result.ok()) {
      return;
    }
    git.tryExec(GitCommand.in(dir, "rebase", "--abort"));
    String recoveryRef = RECOVERY_PREFIX + jobId;
    git.exec(
        GitCommand.in(dir, "push", "--quiet", "--force", remote.url(), "HEAD:" + recoveryRef)
            .env(remote.environment()));
    List<String> conflicts =
        Stream.concat(result.stdout().lines(), result.stderr().lines())
            .filter(l -> l.startsWith("CONFLICT"))
            .toList();
    throw new PermanentException(
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

  private Map<String, String> committer(Path dir) {
    String[] who = git.run(dir, "log", "-1", "--format=%cn%x00%ce", "HEAD").strip().split("\0", 2);
    return Map.of("GIT_COMMITTER_NAME", who[0], "GIT_COMMITTER_EMAIL", who[1]);
  }

  private String head(Path dir) {
    return git.run(dir, "rev-parse", "--verify", "HEAD").strip();
  }
}
