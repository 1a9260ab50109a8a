package dev.delegate.bench;

import dev.delegate.core.forge.RepoRef;
import dev.delegate.git.local.LocalForge;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * A benchmark repository on the local forge: the forge seeds it with a README, then one commit made
 * with a single {@code git add -A} in a scratch clone adds {@code files} text files of about 300
 * bytes, 20 to a directory, 20 directories to a top directory, and is pushed to {@code main}. The
 * scratch clone is deleted with the rest of the data at the end, not between the timed runs.
 */
final class BenchRepo {
  private BenchRepo() {}

  /** Creates the repository; returns the path of the file every iteration edits. */
  static String create(LocalForge forge, RepoRef repo, int files, Path scratch) throws IOException {
    forge.createRepository(repo, Map.of("README.md", "Benchmark repository " + repo + "\n"));
    PlainGit.clone(forge.remote(repo).url(), scratch);
    for (int i = 0; i < files; i++) {
      Path file = scratch.resolve(path(i));
      Files.createDirectories(file.getParent());
      Files.writeString(file, content(i));
    }
    PlainGit.run(scratch, Map.of(), "add", "-A");
    PlainGit.run( // no background gc packing the loose objects while we delete the clone
        scratch,
        Change.IDENTITY.environment(),
        "-c",
        "gc.auto=0",
        "commit",
        "--quiet",
        "-m",
        files + " files");
    PlainGit.run(scratch, Map.of(), "push", "--quiet", "origin", "main");
    return path(files / 2);
  }

  static String path(int i) {
    return String.format(Locale.ROOT, "src/m%03d/p%02d/file%05d.txt", i / 400, i / 20 % 20, i);
  }

  private static String content(int i) {
    StringBuilder text = new StringBuilder();
    for (int line = 0; text.length() < 300; line++) {
      text.append(
          String.format(Locale.ROOT, "file %05d, line %d: some text to fill it%n", i, line));
    }
    return text.toString();
  }
}
