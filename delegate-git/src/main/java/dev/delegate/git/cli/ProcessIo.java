package dev.delegate.git.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A child process's pipes, read and written on virtual threads so none of them can block it. */
final class ProcessIo {
  private ProcessIo() {}

  static CompletableFuture<String> drain(InputStream stream) {
    CompletableFuture<String> result = new CompletableFuture<>();
    Thread.ofVirtual()
        .start(
            () -> {
              try (stream) {
                result.complete(new String(stream.readAllBytes(), StandardCharsets.UTF_8));
              } catch (IOException e) {
                result.completeExceptionally(e);
              }
            });
    return result;
  }

  static void feed(OutputStream stdin, String input) {
    if (input == null) {
      closeQuietly(stdin);
      return;
    }
    Thread.ofVirtual()
        .start(
            () -> {
              try (stdin) {
                stdin.write(input.getBytes(StandardCharsets.UTF_8));
              } catch (IOException e) {
                // git exited before reading everything; its exit code tells what happened
              }
            });
  }

  static String collect(CompletableFuture<String> output) throws InterruptedException {
    try {
      return output.get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new UncheckedIOException("reading git's output failed", (IOException) e.getCause());
    } catch (TimeoutException e) {
      return ""; // a leftover child still holds the pipe; git itself has exited
    }
  }

  static void kill(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  private static void closeQuietly(OutputStream stream) {
    try {
      stream.close();
    } catch (IOException e) {
      // nothing to feed anyway
    }
  }
}
