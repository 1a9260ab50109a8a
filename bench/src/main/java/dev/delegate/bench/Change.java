package dev.delegate.bench;

import dev.delegate.git.cli.GitIdentity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The agent's stand-in: one existing file gets a line more and one new file appears. Both sides
 * make the same change; only the side's name (same length) differs, so neither pushes objects the
 * remote already has from the other.
 */
final class Change {
  static final String DELEGATE = "delegate";
  static final String BARE_GIT = "bare-git";
  static final String ADDED = "notes/added.txt";
  static final String TRAILER = "Delegate-Job";
  static final GitIdentity IDENTITY = new GitIdentity("Bench", "bench@localhost");

  private Change() {}

  static void apply(Path dir, String edited, int i, String side) {
    try {
      Path file = dir.resolve(edited);
      Files.writeString(file, Files.readString(file) + side + " changed this in run " + i + "\n");
      Path added = dir.resolve(ADDED);
      Files.createDirectories(added.getParent());
      Files.writeString(added, side + " added this in run " + i + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("could not change files in " + dir, e);
    }
  }

  static String message(int i) {
    return "feat: benchmark change " + i;
  }

  static String jobId(String side, int i) {
    return "bench-" + side + "-" + i;
  }
}
