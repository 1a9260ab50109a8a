package dev.delegate.server.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A profile "newer": the scripted agent, whose version command (a shell script) prints {@code
 * scripted-agent 2.0.0}, newer than the versions the profile says it was tested with.
 */
public final class NewerAgentProfile {
  private NewerAgentProfile() {}

  /**
   * Writes the script and {@code profiles/newer.yaml} under {@code dir}.
   *
   * @param tested the profile's {@code version.tested}, e.g. {@code {from: 1.0.0, to: 1.9.9}}
   * @return the profiles directory
   */
  public static Path write(Path dir, String tested) throws IOException {
    Path script = dir.resolve("print-version");
    Files.writeString(script, "#!/bin/sh\necho 'scripted-agent 2.0.0'\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    Path profiles = Files.createDirectories(dir.resolve("profiles"));
    Files.writeString(
        profiles.resolve("newer.yaml"),
        """
        name: newer
        extends: scripted
        version:
          command: %s
          args: []
          pattern: 'scripted-agent (?<version>\\S+)'
          tested: %s
        """
            .formatted(script, tested));
    return profiles;
  }
}
