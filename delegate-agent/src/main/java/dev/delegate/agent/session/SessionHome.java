package dev.delegate.agent.session;

import dev.delegate.agent.profile.ProfileVariables;
import dev.delegate.core.PermanentException;
import dev.delegate.core.agent.AgentProfile.Home;
import dev.delegate.core.agent.AgentProfile.HomeFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * A session's own home directory and the session variables {@code ${home}} and {@code ${workdir}}.
 * Before each start the profile's home files are written from their templates; they may hold
 * settings derived from keys (Claude Code's approved-key suffix), so they are readable by their
 * owner only and are never logged.
 */
final class SessionHome {
  private final Home spec;
  private final Path path;
  private final Path workdir;

  SessionHome(Home spec, Path path, Path workdir) {
    this.spec = spec;
    this.path = path.toAbsolutePath().normalize();
    this.workdir = real(workdir);
  }

  Path path() {
    return path;
  }

  /** Replaces {@code ${home}}, {@code ${workdir}} and {@code ${env:…}} (from the agent's env). */
  String expand(String text, Map<String, String> env) {
    if (!text.contains("${")) {
      return text;
    }
    return ProfileVariables.expand(
        text,
        name ->
            switch (name) {
              case "home" -> path.toString();
              case "workdir" -> workdir.toString();
              default -> throw new PermanentException("unknown session variable ${" + name + "}");
            },
        env::get);
  }

  /** Creates the home directory and writes the profile's files into it. */
  void prepare(Map<String, String> env) throws IOException {
    if (spec.isNone()) {
      return;
    }
    Files.createDirectories(path);
    for (HomeFile file : spec.files()) {
      Path target = path.resolve(file.path()).normalize();
      if (!target.startsWith(path)) {
        throw new PermanentException("home file outside the home directory: " + file.path());
      }
      Files.createDirectories(target.getParent());
      Files.deleteIfExists(target);
      Files.createFile(
          target,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(target, expand(file.content(), env));
    }
  }

  private static Path real(Path directory) {
    try {
      return directory.toRealPath();
    } catch (IOException e) {
      return directory.toAbsolutePath().normalize();
    }
  }
}
