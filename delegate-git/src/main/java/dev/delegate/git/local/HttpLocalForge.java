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
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The local forge of another node, reached over git's smart HTTP: that node (an API node running
 * {@code --forge local}) serves its bare repositories at {@code <forge
 * URL>/git/<owner>/<name>.git}. Pull-request records live in the {@link PullRequestStore} every
 * node shares, exactly as {@link LocalForge} keeps them; branches and files go over HTTP with the
 * git CLI ({@link HttpRepository}), commits being built in a cache bare repository under this
 * node's data directory. The token, when there is one, reaches git as an {@code Authorization:
 * Bearer} header in {@code GIT_CONFIG_*} environment variables, never on a command line or in a
 * URL.
 */
public final class HttpLocalForge extends StoreBackedForge {
  private final String baseUrl;
  private final Git git;
  private final Path cacheDirectory;
  private final Map<String, String> environment;
  private final GitIdentity author;
  private final ConcurrentHashMap<RepoRef, HttpRepository> repositories = new ConcurrentHashMap<>();
  private final Set<RepoRef> known = ConcurrentHashMap.newKeySet();

  /**
   * @param forgeUrl where the serving node's API answers, e.g. {@code http://api-host:8080}
   * @param token the serving node's {@code --token}, if it has one
   * @param dataDirectory this node's; the cache repositories go under {@code forge-cache/}
   */
  public HttpLocalForge(
      URI forgeUrl,
      Optional<String> token,
      Path dataDirectory,
      Git git,
      PullRequestStore store,
      LocalForgeConfig config) {
    super(new PullRequestRecords(store, baseUrl(forgeUrl) + "/prs/"));
    this.baseUrl = baseUrl(forgeUrl);
    this.git = Objects.requireNonNull(git, "git");
    this.cacheDirectory = dataDirectory.toAbsolutePath().normalize().resolve("forge-cache");
    this.environment = token.filter(t -> !t.isBlank()).map(this::authorization).orElse(Map.of());
    this.author = new GitIdentity(config.authorName(), config.authorEmail());
  }

  /** {@code forgeUrl} without a trailing slash; an http(s) URL with a host, nothing else. */
  static String baseUrl(URI forgeUrl) {
    String scheme = forgeUrl.getScheme();
    if ((!"http".equals(scheme) && !"https".equals(scheme))
        || forgeUrl.getHost() == null
        || forgeUrl.getRawUserInfo() != null
        || forgeUrl.getRawQuery() != null
        || forgeUrl.getRawFragment() != null) {
      throw new PermanentException(
          "the forge URL must be http(s)://host[:port][/path] without credentials, a query or a"
              + " fragment; was '"
              + forgeUrl
              + "'");
    }
    String text = forgeUrl.toString();
    while (text.endsWith("/")) {
      text = text.substring(0, text.length() - 1);
    }
    return text;
  }

  private Map<String, String> authorization(String token) {
    return Map.of(
        "GIT_CONFIG_COUNT",
        "1",
        "GIT_CONFIG_KEY_0",
        "http." + baseUrl + "/.extraHeader",
        "GIT_CONFIG_VALUE_0",
        "Authorization: Bearer " + token,
        "GIT_TERMINAL_PROMPT",
        "0");
  }

  /** The forge's URL, as given (without a trailing slash). */
  public String baseUrl() {
    return baseUrl;
  }

  @Override
  public Optional<String> branchHead(RepoRef repo, String branch) {
    BranchName.validate(branch);
    Optional<String> head = repository(repo).head(branch);
    if (head.isEmpty() && !known.contains(repo)) {
      existing(repo); // no branch, or no repository at all
    }
    known.add(repo);
    return head;
  }

  @Override
  public void createBranch(RepoRef repo, String branch, String fromBranch) {
    HttpRepository remote = existing(repo);
    BranchName.validate(branch);
    String from =
        remote
            .fetch(BranchName.validate(fromBranch))
            .orElseThrow(() -> missingBranch(repo, fromBranch));
    if (!remote.push(from, branch, null)) {
      if (remote.head(branch).isEmpty()) {
        throw new TransientException(
            "branch '" + branch + "' of " + repo + " is locked; try again in a few seconds");
      }
      throw new PermanentException("branch '" + branch + "' already exists in " + repo);
    }
  }

  @Override
  public String putFile(RepoRef repo, String branch, String path, String content, String message) {
    HttpRepository remote = existing(repo);
    BranchName.validate(branch);
    RepoPath.validate(path);
    PullRequestRecords.requireText(message, "a commit message");
    for (int attempt = 0; attempt < LostRace.ATTEMPTS; attempt++) {
      String parent = remote.fetch(branch).orElseThrow(() -> missingBranch(repo, branch));
      String commit = remote.cache().commit(parent, Map.of(path, content), message, author);
      if (remote.push(commit, branch, parent)) {
        return commit;
      }
      LostRace.pause(attempt);
    }
    throw new TransientException(
        "branch '" + branch + "' of " + repo + " kept moving while writing " + path);
  }

  @Override
  public Optional<String> readFile(RepoRef repo, String branch, String path) {
    HttpRepository remote = existing(repo);
    BranchName.validate(branch);
    RepoPath.validate(path);
    return remote.fetch(branch).flatMap(head -> remote.cache().read(head, path));
  }

  @Override
  public void deleteBranch(RepoRef repo, String branch) {
    existing(repo).delete(BranchName.validate(branch));
  }

  @Override
  public PullRequest createPullRequest(
      RepoRef repo, String title, String body, String head, String base) {
    HttpRepository remote = existing(repo);
    return records.create(
        repo,
        title,
        body,
        head,
        base,
        new PullRequestRecords.Branches(
            remote::fetch, (ancestor, commit) -> remote.cache().isAncestor(ancestor, commit)));
  }

  @Override
  void requireRepository(RepoRef repo) {
    var unused = existing(repo);
  }

  /** {@code <forge URL>/git/<owner>/<name>.git}, the token in the environment only. */
  @Override
  public GitRemote remote(RepoRef repo) {
    return repository(repo).remote();
  }

  private HttpRepository repository(RepoRef repo) {
    return repositories.computeIfAbsent(
        repo,
        r ->
            new HttpRepository(
                git,
                r,
                new GitRemote(baseUrl + "/git/" + r.owner() + "/" + r.name() + ".git", environment),
                cacheDirectory.resolve(r.owner()).resolve(r.name() + ".git")));
  }

  /**
   * The repository, asked of the forge the first time only: the local forge creates repositories
   * and never deletes them.
   */
  private HttpRepository existing(RepoRef repo) {
    HttpRepository remote = repository(repo);
    if (!known.contains(repo)) {
      remote.requireExists();
      known.add(repo);
    }
    return remote;
  }

  private static PermanentException missingBranch(RepoRef repo, String branch) {
    return new PermanentException("branch '" + branch + "' does not exist in " + repo);
  }
}
