package dev.delegate.git.local;

import dev.delegate.core.PermanentException;
import dev.delegate.core.TransientException;
import dev.delegate.core.forge.GitRemote;
import dev.delegate.core.forge.PullRequest;
import dev.delegate.core.forge.PullRequestStore;
import dev.delegate.core.forge.RepoRef;
import dev.delegate.git.BranchName;
import dev.delegate.git.RepoPath;
import dev.delegate.git.cli.Git;
import dev.delegate.git.cli.GitIdentity;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * The embedded forge: bare repositories under {@code <data>/forge/<owner>/<name>.git}, pull-request
 * records in a {@link PullRequestStore}. Git work is done in this process with plumbing on the bare
 * repository ({@link BareRepo}); writers never wait for each other: a branch moves by
 * compare-and-swap, and the loser of a race on the same branch builds its commit again.
 */
public final class LocalForge extends StoreBackedForge {
  private final Path forgeDirectory;
  private final Git git;
  private final LocalForgeConfig config;
  private final GitIdentity author;
  private final ConcurrentHashMap<Path, BareRepo> open = new ConcurrentHashMap<>();
  private volatile BiConsumer<RepoRef, Optional<String>> branchMoved = (repo, branch) -> {};

  public LocalForge(Path dataDirectory, Git git, PullRequestStore store) {
    this(dataDirectory, git, store, LocalForgeConfig.DEFAULT);
  }

  public LocalForge(Path dataDirectory, Git git, PullRequestStore store, LocalForgeConfig config) {
    super(new PullRequestRecords(store, config.pullRequestUrlPrefix()));
    this.forgeDirectory = dataDirectory.toAbsolutePath().normalize().resolve("forge");
    this.git = Objects.requireNonNull(git, "git");
    this.config = Objects.requireNonNull(config, "config");
    this.author = new GitIdentity(config.authorName(), config.authorEmail());
  }

  /** Where the bare repositories are: {@code <owner>/<name>.git} under it. */
  public Path directory() {
    return forgeDirectory;
  }

  /** The bare repository of {@code repo}. */
  public Path repositoryPath(RepoRef repo) {
    return forgeDirectory.resolve(repo.owner()).resolve(repo.name() + ".git");
  }

  /**
   * Creates {@code repo} with one commit on the default branch holding {@code files} (path to
   * text). Returns false, changing nothing, when the repository already exists.
   */
  public boolean createRepository(RepoRef repo, Map<String, String> files) {
    files.keySet().forEach(RepoPath::validate);
    return new RepositoryCreator(git, repositoryPath(repo), config.defaultBranch())
        .create(files, "Initial commit", author);
  }

  public boolean exists(RepoRef repo) {
    return BareRepo.exists(repositoryPath(repo));
  }

  /** The changes of pull request {@code number}: {@code git diff base...head}. */
  public String diff(RepoRef repo, int number) {
    PullRequest pr =
        pullRequest(repo, number).orElseThrow(() -> PullRequestRecords.missing(repo, number));
    BareRepo bare = existing(repo);
    branchOrFail(bare, repo, pr.base());
    branchOrFail(bare, repo, pr.head());
    return bare.diff(pr.base(), pr.head());
  }

  public List<PullRequest> pullRequests(RepoRef repo) {
    existing(repo);
    return records.list(repo);
  }

  @Override
  public Optional<String> branchHead(RepoRef repo, String branch) {
    return existing(repo).head(BranchName.validate(branch));
  }

  @Override
  public void createBranch(RepoRef repo, String branch, String fromBranch) {
    BareRepo bare = existing(repo);
    BranchName.validate(branch);
    String from = branchOrFail(bare, repo, BranchName.validate(fromBranch));
    if (!bare.updateBranch(branch, from, null)) {
      if (bare.head(branch).isEmpty() && bare.isLocked(branch)) {
        throw new TransientException(
            "branch '" + branch + "' of " + repo + " is locked; try again in a few seconds");
      }
      throw new PermanentException("branch '" + branch + "' already exists in " + repo);
    }
  }

  @Override
  public String putFile(RepoRef repo, String branch, String path, String content, String message) {
    BareRepo bare = existing(repo);
    BranchName.validate(branch);
    RepoPath.validate(path);
    PullRequestRecords.requireText(message, "a commit message");
    for (int attempt = 0; attempt < LostRace.ATTEMPTS; attempt++) {
      String parent = branchOrFail(bare, repo, branch);
      String commit = bare.commit(parent, Map.of(path, content), message, author);
      if (bare.updateBranch(branch, commit, parent)) {
        branchMoved.accept(repo, Optional.of(branch));
        return commit;
      }
      LostRace.pause(attempt);
    }
    throw new TransientException(
        "branch '" + branch + "' of " + repo + " kept moving while writing " + path);
  }

  /**
   * Whether the pull request's head merges into its base without a conflict ({@code git merge-tree
   * --write-tree} in the bare repository); empty when either branch is gone.
   */
  @Override
  public Optional<Boolean> merges(RepoRef repo, int number) {
    BareRepo bare = existing(repo);
    Optional<PullRequest> pr = pullRequest(repo, number);
    if (pr.isEmpty()
        || bare.head(pr.get().base()).isEmpty()
        || bare.head(pr.get().head()).isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(bare.merges(pr.get().base(), pr.get().head()));
  }

  /**
   * Tells {@code listener} of each branch this forge moves by writing a file ({@link #putFile}) or
   * that a push received over HTTP moved ({@link #pushReceived}).
   */
  public void onBranchMoved(BiConsumer<RepoRef, Optional<String>> listener) {
    this.branchMoved = Objects.requireNonNull(listener, "listener");
  }

  /** The branches of {@code repo} and their commits: read before a push is received. */
  public Map<String, String> branchHeads(RepoRef repo) {
    return existing(repo).branches();
  }

  /**
   * A push to {@code repo} was received (git's smart HTTP): each branch it moved since {@code
   * before} ({@link #branchHeads}) is told, so that only the pull requests based on a moved branch
   * are looked at (a job's push moves its own branch, a base of none).
   */
  public void pushReceived(RepoRef repo, Map<String, String> before) {
    existing(repo)
        .branches()
        .forEach(
            (branch, commit) -> {
              if (!commit.equals(before.get(branch))) {
                branchMoved.accept(repo, Optional.of(branch));
              }
            });
  }

  @Override
  public Optional<String> readFile(RepoRef repo, String branch, String path) {
    BareRepo bare = existing(repo);
    RepoPath.validate(path);
    return bare.head(BranchName.validate(branch)).flatMap(head -> bare.read(head, path));
  }

  @Override
  public void deleteBranch(RepoRef repo, String branch) {
    existing(repo).deleteBranch(BranchName.validate(branch));
  }

  @Override
  public PullRequest createPullRequest(
      RepoRef repo, String title, String body, String head, String base) {
    BareRepo bare = existing(repo);
    return records.create(
        repo,
        title,
        body,
        head,
        base,
        new PullRequestRecords.Branches(bare::head, bare::isAncestor));
  }

  @Override
  void requireRepository(RepoRef repo) {
    var unused = existing(repo);
  }

  /** {@code file://} URL of the bare repository; no credentials needed. */
  @Override
  public GitRemote remote(RepoRef repo) {
    return new GitRemote("file://" + repositoryPath(repo), Map.of());
  }

  /** The repository, opened once and kept open: a pull request touches it several times. */
  private BareRepo existing(RepoRef repo) {
    Path path = repositoryPath(repo);
    if (!BareRepo.exists(path)) {
      throw new PermanentException("repository " + repo + " does not exist in the local forge");
    }
    return open.computeIfAbsent(path, p -> BareRepo.open(git, p));
  }

  private static String branchOrFail(BareRepo bare, RepoRef repo, String branch) {
    return bare.head(branch)
        .orElseThrow(
            () -> new PermanentException("branch '" + branch + "' does not exist in " + repo));
  }
}
