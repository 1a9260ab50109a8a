package dev.delegate.git.cli;

import dev.delegate.core.DelegateException;
import java.util.List;
import java.util.Locale;

/** Tells transient git failures (network, locks) from permanent ones by git's message. */
public final class GitFailure {
  private static final List<String> TRANSIENT_SIGNS =
      List.of(
          "could not resolve host",
          "failed to connect",
          "connection refused",
          "connection timed out",
          "connection reset",
          "operation timed out",
          "early eof",
          "the remote end hung up unexpectedly",
          "rpc failed",
          "unable to access",
          "temporary failure",
          "http 5",
          "error: 5",
          "another git process");

  private GitFailure() {}

  /** The exception for a failed git run: transient or permanent by git's message. */
  public static DelegateException of(GitResult result) {
    String stderr = result.stderr().strip();
    String message =
        "git "
            + String.join(" ", result.args())
            + " failed with exit code "
            + result.exitCode()
            + (stderr.isEmpty() ? "" : ": " + stderr);
    return isTransient(stderr)
        ? new GitTransientException(message, result)
        : new GitException(message, result);
  }

  public static boolean isTransient(String stderr) {
    String lower = stderr.toLowerCase(Locale.ROOT);
    if (lower.contains("requested url returned error: 4")) {
      return false; // 401, 403, 404: credentials or permissions, not the network
    }
    boolean heldLock = lower.contains(".lock") && lower.contains("file exists");
    return heldLock || TRANSIENT_SIGNS.stream().anyMatch(lower::contains);
  }
}
