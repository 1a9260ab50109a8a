package dev.delegate.server.config;

import java.util.Locale;
import java.util.Optional;

/**
 * Which store a node opens: the embedded H2 file under the data directory (no URL, one process), or
 * a PostgreSQL that several nodes share.
 *
 * @param url {@code jdbc:postgresql://host[:port]/database}; empty for the embedded H2 file
 * @param user the database user
 * @param password from {@code DELEGATE_DATABASE_PASSWORD}, a password file, or the URL's {@code
 *     password} parameter; never shown by {@link #toString}
 */
public record DatabaseOptions(Optional<String> url, String user, Optional<String> password) {
  public static final String DEFAULT_USER = "delegate";
  public static final DatabaseOptions EMBEDDED =
      new DatabaseOptions(Optional.empty(), DEFAULT_USER, Optional.empty());

  public DatabaseOptions {
    url = url.map(String::strip).filter(u -> !u.isEmpty());
    url.ifPresent(
        u -> {
          String lower = u.toLowerCase(Locale.ROOT);
          if (!lower.startsWith("jdbc:postgresql://") && !lower.startsWith("jdbc:h2:")) {
            throw new ConfigException(
                "--database-url must be a jdbc:postgresql://host[:port]/database URL (or a"
                    + " jdbc:h2: one), was '"
                    + u.replaceAll("(?i)password=[^&]*", "password=…")
                    + "'");
          }
        });
    if (user == null || user.isBlank()) {
      throw new ConfigException("--database-user names no user");
    }
  }

  @Override
  public String toString() {
    return url.map(u -> u.replaceAll("(?i)password=[^&]*", "password=…")).orElse("embedded H2")
        + " as "
        + user
        + (password.isPresent() ? " (with a password)" : "");
  }
}
