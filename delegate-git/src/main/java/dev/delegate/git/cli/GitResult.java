package dev.delegate.git.cli;

import java.util.List;

/** What one git invocation did. {@code args} are already redacted. */
public record GitResult(List<String> args, int exitCode, String stdout, String stderr) {

  public boolean ok() {
    return exitCode == 0;
  }

  /** Standard output without the trailing line break. */
  public String line() {
    return stdout.strip();
  }

  /** Standard output split into non-empty lines. */
  public List<String> lines() {
    return stdout.lines().filter(l -> !l.isEmpty()).toList();
  }
}
