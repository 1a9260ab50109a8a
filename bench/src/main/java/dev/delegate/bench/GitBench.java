package dev.delegate.bench;

import dev.delegate.core.forge.GitRemote;
import dev.delegate.core.forge.RepoRef;
import dev.delegate.core.workspace.CommitRequest;
import dev.delegate.core.workspace.Workspace;
import dev.delegate.git.DirectoryTrees;
import dev.delegate.git.cli.Git;
import dev.delegate.git.local.LocalForge;
import dev.delegate.git.workspace.GitWorkspaces;
import dev.delegate.store.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Compares the PR processor's git work ({@link GitWorkspaces}: prepare, commit with a trailer,
 * push) with the bare git commands doing the same work in their own clone, on the same local-forge
 * repository, for a small repository and one of 20,000 files. Both sides are warm (one untimed
 * iteration first) and run interleaved; every iteration works on its own branch, created from
 * {@code main} on the forge before the clock starts.
 */
public final class GitBench {
  private final LocalForge forge;
  private final GitWorkspaces workspaces;
  private final Path data;

  private GitBench(LocalForge forge, GitWorkspaces workspaces, Path data) {
    this.forge = forge;
    this.workspaces = workspaces;
    this.data = data;
  }

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    int largeFiles = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
    Path data = Files.createTempDirectory("delegate-bench-git-");
    System.out.printf(
        Locale.ROOT,
        "git benchmark: %d interleaved iterations per side and repository size%n",
        runs);
    System.out.println(
        "cpus "
            + Runtime.getRuntime().availableProcessors()
            + ", java "
            + Runtime.version()
            + ", "
            + PlainGit.run(data, Map.of(), "--version").strip()
            + ", data "
            + data);
    Git git = new Git();
    try (Database db = Database.h2File(data)) {
      GitBench bench =
          new GitBench(
              new LocalForge(data, git, db.pullRequestStore()), new GitWorkspaces(data, git), data);
      bench.compare("small", 20, runs);
      bench.compare("large", largeFiles, runs);
    } finally {
      DirectoryTrees.delete(data);
    }
  }

  private void compare(String name, int files, int runs) throws Exception {
    RepoRef repo = new RepoRef("bench", name);
    long start = System.nanoTime();
    String edited = BenchRepo.create(forge, repo, files, data.resolve("seed-" + name));
    System.out.printf(
        Locale.ROOT,
        "%n%s repository: %d files + README, built in %.1f s; each run edits %s and adds %s%n",
        name,
        files,
        (System.nanoTime() - start) / 1e9,
        edited,
        Change.ADDED);
    GitRemote remote = forge.remote(repo);
    Path worker = data.resolve("workers").resolve(name);
    forge.createBranch(repo, "bench/cold", "main");
    start = System.nanoTime();
    workspaces.prepare(repo, remote, "bench/cold", worker);
    System.out.printf(
        Locale.ROOT,
        "first (cold) prepare, cache clone + worktree add: %.1f ms%n",
        (System.nanoTime() - start) / 1e6);
    start = System.nanoTime();
    PlainGit plain = PlainGit.clone(remote.url(), data.resolve("plain-" + name));
    System.out.printf(
        Locale.ROOT,
        "for comparison, git clone of the same repository: %.1f ms%n",
        (System.nanoTime() - start) / 1e6);
    Steps delegate = new Steps();
    Steps bare = new Steps();
    for (int i = 0; i <= runs; i++) { // run 0 warms both sides up and is not counted
      long[] a = delegateRun(repo, remote, worker, edited, i);
      check(repo, Change.DELEGATE, i, worker, edited);
      long[] b = plain.iteration(branch(repo, Change.BARE_GIT, i), edited, i);
      check(repo, Change.BARE_GIT, i, plain.directory(), edited);
      if (i > 0) {
        delegate.add(a);
        bare.add(b);
      }
    }
    System.out.println("Delegate prepare+commit+push: " + delegate.total.summary("ms"));
    System.out.println("bare git, same work:          " + bare.total.summary("ms"));
    System.out.printf(
        Locale.ROOT,
        "ratio of medians Delegate / bare git: %.2f (goal <= 2)%n",
        delegate.total.median() / bare.total.median());
    System.out.println("step medians, Delegate / bare git: " + delegate.stepsAgainst(bare));
  }

  private long[] delegateRun(RepoRef repo, GitRemote remote, Path worker, String edited, int i) {
    String branch = branch(repo, Change.DELEGATE, i);
    CommitRequest request =
        new CommitRequest(
            Change.message(i),
            Change.IDENTITY.name(),
            Change.IDENTITY.email(),
            Map.of(Change.TRAILER, Change.jobId(Change.DELEGATE, i)));
    long start = System.nanoTime();
    Workspace ws = workspaces.prepare(repo, remote, branch, worker);
    long prepared = System.nanoTime();
    Change.apply(worker, edited, i, Change.DELEGATE);
    long written = System.nanoTime();
    String commit = workspaces.commitAll(ws, request).orElseThrow();
    long committed = System.nanoTime();
    workspaces.push(ws, commit, Change.jobId(Change.DELEGATE, i));
    return new long[] {start, prepared, written, committed, System.nanoTime()};
  }

  /** Creates {@code bench/<side>-<i>} from main on the forge (outside the timed section). */
  private String branch(RepoRef repo, String side, int i) {
    String branch = "bench/" + side + "-" + i;
    if (forge.branchHead(repo, branch).isEmpty()) {
      forge.createBranch(repo, branch, "main");
    }
    return branch;
  }

  /** After the clock stopped: the remote branch has the side's commit, changing the two files. */
  private void check(RepoRef repo, String side, int i, Path dir, String edited) {
    String branch = "bench/" + side + "-" + i;
    String head = forge.branchHead(repo, branch).orElseThrow();
    String local = PlainGit.run(dir, Map.of(), "rev-parse", "HEAD").strip();
    Path bare = forge.repositoryPath(repo);
    String changed =
        PlainGit.run(bare, Map.of(), "diff", "--name-only", "main", head, "--").strip();
    String message = PlainGit.run(bare, Map.of(), "log", "-1", "--format=%B", head);
    boolean ok =
        head.equals(local)
            && List.of(changed.split("\n")).equals(List.of(Change.ADDED, edited))
            && message.contains(Change.TRAILER + ": " + Change.jobId(side, i));
    if (!ok) {
      throw new IllegalStateException(side + " run " + i + " pushed the wrong commit " + head);
    }
  }
}
