package dev.delegate.git.local;

import dev.delegate.git.DirectoryTrees;
import dev.delegate.git.cli.Git;
import dev.delegate.git.cli.GitIdentity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * Creates a seeded bare repository next to its final place and renames it there in one step, so a
 * repository is either absent or complete, and two creators racing leave one of them.
 */
final class RepositoryCreator {
  private final Git git;
  private final Path target;
  private final String branch;

  RepositoryCreator(Git git, Path target, String branch) {
    this.git = git;
    this.target = target;
    this.branch = branch;
  }

  boolean create(Map<String, String> files, String message, GitIdentity author) {
    if (Files.exists(target)) {
      return false;
    }
    Path staging = staging();
    try {
      try (BareRepo bare = BareRepo.init(git, staging, branch)) {
        String commit = bare.commit(null, files, message, author);
        bare.updateBranch(branch, commit, null);
      }
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
      return true;
    } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException("could not create the repository " + target, e);
    } finally {
      try {
        DirectoryTrees.delete(staging);
      } catch (UncheckedIOException e) {
        // leftovers of a lost race; harmless
      }
    }
  }

  private Path staging() {
    try {
      Files.createDirectories(target.getParent());
      return Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".new-");
    } catch (IOException e) {
      throw new UncheckedIOException("could not create the repository " + target, e);
    }
  }
}
