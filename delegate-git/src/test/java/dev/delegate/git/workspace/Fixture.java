package dev.delegate.git.workspace;

import dev.delegate.core.forge.RepoRef;
import dev.delegate.core.workspace.CommitRequest;
import dev.delegate.core.workspace.Workspace;
import dev.delegate.git.cli.Git;
import dev.delegate.git.cli.GitCommand;
import dev.delegate.git.local.LocalForge;
import dev.delegate.testkit.store.InMemoryPullRequestStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** A data directory with a local-forge repository to act as the remote, and workspaces on it. */
final class Fixture {
  static final Map<String, String> NO_TRAILERS = Map.of();
  final Path data;
  final Git git = new Git();
  final LocalForge forge;
  final GitWorkspaces workspaces;
  final RepoRef repo = new RepoRef("acme", "app");

  Fixture(Path data) {
    this(data, WorkspacesConfig.DEFAULT);
  }

  Fixture(Path data, WorkspacesConfig config) {
    this.data = data;
    this.forge = new LocalForge(data, git, new InMemoryPullRequestStore());
    this.workspaces = new GitWorkspaces(data, git, config);
    forge.createRepository(repo, Map.of("README.md", "hello\n", ".gitignore", "build/\n"));
  }

  String branch(String name) {
    forge.createBranch(repo, name, "main");
    return name;
  }

  Path worker(int n) {
    return data.resolve("workers").resolve(Integer.toString(n));
  }

  Workspace prepare(String branch, int worker) {
    return workspaces.prepare(repo, forge.remote(repo), branch, worker(worker));
  }

  Optional<String> commit(Workspace ws, String message, Map<String, String> trailers) {
    return workspaces.commitAll(
        ws, new CommitRequest(message, "Delegate Bot", "bot@delegate.dev", trailers));
  }

  Path cache() {
    return workspaces.cachePath(repo);
  }

  /** A file's content on the remote at {@code ref}, or empty when it is not there. */
  Optional<String> remoteFile(String ref, String path) {
    var result = git.tryExec(GitCommand.in(forge.repositoryPath(repo), "show", ref + ":" + path));
    return result.ok() ? Optional.of(result.stdout()) : Optional.empty();
  }

  String remoteHead(String branch) {
    return forge.branchHead(repo, branch).orElseThrow();
  }

  String status(Workspace ws) {
    return git.run(ws.directory(), "status", "--porcelain", "--ignored");
  }

  static void write(Path dir, String path, String content) {
    try {
      Path file = dir.resolve(path);
      Files.createDirectories(file.getParent());
      Files.writeString(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
