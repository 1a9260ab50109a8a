package dev.delegate.scripted;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** The project version, from a resource Maven fills in at build time. */
final class Version {
  static final String FALLBACK = "0.0.0-dev";

  private Version() {}

  /** {@code 0.1.0-SNAPSHOT}, say; {@value #FALLBACK} when the resource is absent or unfilled. */
  static String get() {
    try (InputStream in = Version.class.getResourceAsStream("version")) {
      if (in == null) {
        return FALLBACK;
      }
      String version = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
      return version.isEmpty() || version.contains("${") ? FALLBACK : version;
    } catch (IOException e) {
      return FALLBACK;
    }
  }

  /** What {@code --version} prints. */
  static String line() {
    return Options.DEFAULT_NAME + " " + get();
  }
}
