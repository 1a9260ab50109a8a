package dev.delegate.agent.profile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version of Delegate itself, as the build wrote it into {@code delegate.properties}. */
public final class DelegateVersion {
  private static final String RESOURCE = "/dev/delegate/agent/delegate.properties";
  private static final String CURRENT = read();

  private DelegateVersion() {}

  /** E.g. {@code 0.1.0-SNAPSHOT}. */
  public static String current() {
    return CURRENT;
  }

  private static String read() {
    Properties properties = new Properties();
    try (InputStream in = DelegateVersion.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the classpath: a bug");
      }
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String version = properties.getProperty("version", "");
    if (version.isBlank() || version.contains("${")) {
      throw new IllegalStateException(RESOURCE + " was not filtered by the build: a bug");
    }
    return version.strip();
  }
}
