package dev.delegate.scripted;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The tiny static web app the built-in {@code export-button} scenario edits (the seed's "Add Export
 * Button" example), shipped as resources so a demo can make a repository from it.
 */
public final class SampleApp {
  static final String RESOURCES = "/dev/delegate/scripted/sample-app/";

  private SampleApp() {}

  /** The app's files, as paths relative to its root (from the {@code INDEX} resource). */
  public static List<String> files() {
    List<String> files = new ArrayList<>();
    for (String line : text("INDEX").split("\n")) {
      if (!line.isBlank() && !line.startsWith("#")) {
        files.add(line.strip());
      }
    }
    return files;
  }

  /** The content of one of {@link #files()}. */
  public static String read(String file) {
    return text(file);
  }

  /** Writes every file under {@code root}, creating folders; existing files are overwritten. */
  public static void copyTo(Path root) throws IOException {
    for (String file : files()) {
      Path target = root.resolve(file);
      Files.createDirectories(target.getParent());
      Files.writeString(target, read(file), StandardCharsets.UTF_8);
    }
  }

  private static String text(String name) {
    try (InputStream in = SampleApp.class.getResourceAsStream(RESOURCES + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no sample-app file " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("bug: cannot read the sample-app resource " + name, e);
    }
  }
}
