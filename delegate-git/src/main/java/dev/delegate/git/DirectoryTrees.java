package dev.delegate.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Deleting directory trees without following symbolic links out of them. */
public final class DirectoryTrees {
  private DirectoryTrees() {}

  /** Deletes {@code root} and everything below it; a symbolic link is deleted, not followed. */
  public static void delete(Path root) {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete " + root, e);
    }
  }

  /** Deletes everything inside {@code directory}, keeping the directory itself. */
  public static void deleteContents(Path directory) {
    try (Stream<Path> entries = Files.list(directory)) {
      for (Path entry : entries.toList()) {
        delete(entry);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not empty " + directory, e);
    }
  }
}
