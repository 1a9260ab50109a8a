package dev.delegate.server.forge;

import dev.delegate.core.forge.PullRequestStore;
import dev.delegate.core.forge.RepoRef;
import dev.delegate.core.job.JobStore;
import dev.delegate.git.cli.Git;
import dev.delegate.git.local.HttpLocalForge;
import dev.delegate.git.local.LocalForge;
import dev.delegate.git.local.LocalForgeConfig;
import dev.delegate.server.delegation.Servers;
import dev.delegate.server.launch.Roles;
import dev.delegate.server.rebase.Rebases;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real API node on 127.0.0.1 serving its local forge over git's smart HTTP, with a token, and
 * forges of "other nodes" that reach it only through its URL.
 */
final class ForgeNode implements AutoCloseable {
  static final String TOKEN = "forge-test-token-3f9a";
  private static final AtomicInteger REPOS = new AtomicInteger();

  private final Roles roles;
  private final Git git = new Git();

  private ForgeNode(Roles roles) {
    this.roles = roles;
  }

  static ForgeNode start(Path data) {
    return new ForgeNode(Servers.start(data, "api", "--token", TOKEN));
  }

  int port() {
    return roles.api().orElseThrow().port();
  }

  String url() {
    return "http://127.0.0.1:" + port();
  }

  LocalForge local() {
    return (LocalForge) roles.node().orElseThrow().forge();
  }

  Rebases rebases() {
    return roles.node().orElseThrow().rebases();
  }

  JobStore jobs() {
    return roles.node().orElseThrow().jobs();
  }

  PullRequestStore pullRequests() {
    return roles.node().orElseThrow().database().pullRequestStore();
  }

  /** A new repository on the serving node, with {@code README.md} on {@code main}. */
  RepoRef newRepository() {
    RepoRef repo = new RepoRef("acme", "shop-" + REPOS.incrementAndGet());
    local().createRepository(repo, Map.of("README.md", "# " + repo.name() + "\n"));
    return repo;
  }

  /** The forge as a node with its own data directory {@code data} sees it. */
  HttpLocalForge remoteForge(Path data, Optional<String> token) {
    return new HttpLocalForge(
        URI.create(url()), token, data, git, pullRequests(), LocalForgeConfig.DEFAULT);
  }

  Git git() {
    return git;
  }

  @Override
  public void close() {
    roles.close();
  }
}
