package dev.delegate.server.forge;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@code git http-backend} as a CGI program for one request: the CGI variables in its
 * environment (and nothing else of this process's, so no secret of the node reaches git), the
 * request body streamed to its standard input, its answer parsed into a status and headers and the
 * rest streamed back, so a pack of any size passes through without being held in memory. A run that
 * outlasts the timeout is killed.
 */
final class GitHttpBackend {
  static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);
  private static final Logger LOG = LoggerFactory.getLogger(GitHttpBackend.class);
  private static final int MAX_HEADER_BYTES = 16 * 1024;
  private static final int STDERR_KEPT = 8 * 1024;

  /** The request as the CGI program sees it. */
  record Request(
      String method,
      String pathInfo,
      String query,
      Optional<String> contentType,
      Optional<String> contentEncoding,
      Optional<String> contentLength,
      Optional<String> gitProtocol,
      String remoteUser,
      String remoteAddress,
      InputStream body) {}

  /** Where the answer goes: status and headers first, then the body. */
  interface Response {
    void start(int status, Map<String, String> headers);

    OutputStream body() throws IOException;
  }

  /** Why a run gave no answer to pass on; the caller turns it into a 5xx. */
  static final class BackendFailure extends Exception {
    private static final long serialVersionUID = 1L;
    private final int status;

    BackendFailure(int status, String message) {
      super(message);
      this.status = status;
    }

    int status() {
      return status;
    }
  }

  private final Path projectRoot;
  private final Duration timeout;
  private volatile Path executable;

  GitHttpBackend(Path projectRoot, Duration timeout) {
    this.projectRoot = projectRoot.toAbsolutePath().normalize();
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  /**
   * Serves {@code request}. Throws {@link BackendFailure} when the program could not start, failed
   * before its headers, refused the request (a 4xx or 5xx of its own), or ran out of time; when the
   * headers were sent already (the response is committed), the answer has only ended early.
   */
  void serve(Request request, Response response) throws BackendFailure, IOException {
    Process process = start(request);
    AtomicBoolean timedOut = new AtomicBoolean();
    Thread watchdog =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                      timedOut.set(true);
                      kill(process);
                    }
                  } catch (InterruptedException e) {
                    kill(process); // the request ended; so does its git
                  }
                });
    Thread feeder = Thread.ofVirtual().start(() -> feed(request.body(), process));
    StderrTail stderr = StderrTail.drain(process.getErrorStream());
    try (InputStream out = new BufferedInputStream(process.getInputStream())) {
      Map<String, String> headers = readHeaders(out);
      if (headers == null) {
        process.waitFor(5, TimeUnit.SECONDS);
        throw timedOut.get()
            ? new BackendFailure(
                504, "git http-backend did not answer within " + timeout.toMillis() + " ms")
            : new BackendFailure(
                500, "git http-backend failed: " + firstLine(stderr.text(), "no answer"));
      }
      int status = status(headers.remove("Status"));
      if (status >= 400) {
        byte[] said = out.readNBytes(STDERR_KEPT);
        throw new BackendFailure(
            status,
            "git http-backend: "
                + firstLine(new String(said, StandardCharsets.UTF_8), "status " + status));
      }
      response.start(status, headers);
      OutputStream body = response.body();
      byte[] buffer = new byte[64 * 1024];
      for (int n; (n = out.read(buffer)) >= 0; ) {
        body.write(buffer, 0, n);
        if (out.available() == 0) {
          body.flush(); // progress reaches git at once; nothing waits in our buffers
        }
      }
      body.flush();
      if (timedOut.get()) {
        throw new BackendFailure(
            504, "git http-backend was cut off after " + timeout.toMillis() + " ms mid-answer");
      }
      if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) && process.exitValue() != 0) {
        LOG.warn(
            "git http-backend {} {} exited {}: {}",
            request.method(),
            request.pathInfo(),
            process.exitValue(),
            stderr.text().strip());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BackendFailure(503, "interrupted while git http-backend ran");
    } finally {
      kill(process);
      watchdog.interrupt();
      feeder.interrupt();
    }
  }

  private Process start(Request request) throws BackendFailure {
    ProcessBuilder builder =
        new ProcessBuilder(executable().toString()).directory(projectRoot.toFile());
    Map<String, String> env = builder.environment();
    Map<String, String> keep = new LinkedHashMap<>();
    for (String name : new String[] {"PATH", "HOME"}) {
      Optional.ofNullable(System.getenv(name)).ifPresent(value -> keep.put(name, value));
    }
    env.clear();
    env.putAll(keep);
    env.put("LC_ALL", "C");
    env.put("GIT_PROJECT_ROOT", projectRoot.toString());
    env.put("GIT_HTTP_EXPORT_ALL", "1");
    env.put("GATEWAY_INTERFACE", "CGI/1.1");
    env.put("SERVER_PROTOCOL", "HTTP/1.1");
    env.put("REQUEST_METHOD", request.method());
    env.put("PATH_INFO", request.pathInfo());
    env.put("QUERY_STRING", request.query());
    env.put("REMOTE_USER", request.remoteUser());
    env.put("REMOTE_ADDR", request.remoteAddress());
    request.contentType().ifPresent(v -> env.put("CONTENT_TYPE", v));
    request.contentEncoding().ifPresent(v -> env.put("HTTP_CONTENT_ENCODING", v));
    request.contentLength().ifPresent(v -> env.put("CONTENT_LENGTH", v));
    request.gitProtocol().ifPresent(v -> env.put("HTTP_GIT_PROTOCOL", v));
    // as every git this project runs: no automatic gc (docs: CONTRIBUTING, "No git gc")
    env.put("GIT_CONFIG_COUNT", "2");
    env.put("GIT_CONFIG_KEY_0", "gc.auto");
    env.put("GIT_CONFIG_VALUE_0", "0");
    env.put("GIT_CONFIG_KEY_1", "receive.autogc");
    env.put("GIT_CONFIG_VALUE_1", "false");
    try {
      return builder.start();
    } catch (IOException e) {
      throw new BackendFailure(503, "could not start git http-backend: " + e.getMessage());
    }
  }

  /** {@code git-http-backend} in git's exec path ({@code git --exec-path}), found once. */
  private Path executable() throws BackendFailure {
    Path found = executable;
    if (found != null) {
      return found;
    }
    try {
      Process git = new ProcessBuilder("git", "--exec-path").redirectErrorStream(true).start();
      String dir;
      try (InputStream in = git.getInputStream()) {
        dir = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
      }
      if (!git.waitFor(10, TimeUnit.SECONDS) || git.exitValue() != 0 || dir.isEmpty()) {
        throw new BackendFailure(503, "git --exec-path failed: " + dir);
      }
      Path candidate = Path.of(dir, "git-http-backend");
      if (!Files.isExecutable(candidate)) {
        throw new BackendFailure(
            503, "git http-backend is not installed (looked for " + candidate + ")");
      }
      executable = candidate;
      return candidate;
    } catch (IOException e) {
      throw new BackendFailure(503, "could not run git --exec-path: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BackendFailure(503, "interrupted while looking for git http-backend");
    }
  }

  private static void feed(InputStream body, Process process) {
    try (OutputStream stdin = process.getOutputStream();
        InputStream in = body) {
      in.transferTo(stdin);
    } catch (IOException e) {
      // the client went away or git stopped reading; git's exit or the answer tells what happened
    }
  }

  /**
   * The CGI header block, up to its blank line; null when the program ended (or the header block
   * grew absurd) before one.
   */
  private static Map<String, String> readHeaders(InputStream out) throws IOException {
    Map<String, String> headers = new LinkedHashMap<>();
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int total = 0;
    for (int b; (b = out.read()) >= 0; ) {
      if (++total > MAX_HEADER_BYTES) {
        return null;
      }
      if (b == '\n') {
        String text = line.toString(StandardCharsets.ISO_8859_1);
        line.reset();
        if (text.endsWith("\r")) {
          text = text.substring(0, text.length() - 1);
        }
        if (text.isEmpty()) {
          return headers;
        }
        int colon = text.indexOf(':');
        if (colon > 0) {
          headers.put(text.substring(0, colon).strip(), text.substring(colon + 1).strip());
        }
      } else {
        line.write(b);
      }
    }
    return null;
  }

  /** The CGI {@code Status} header's code ({@code 200 OK} when there is none). */
  private static int status(String header) {
    if (header == null) {
      return 200;
    }
    try {
      return Integer.parseInt(header.strip().split("\\s+", 2)[0]);
    } catch (NumberFormatException e) {
      return 500;
    }
  }

  private static String firstLine(String text, String otherwise) {
    return text.strip().lines().findFirst().orElse(otherwise);
  }

  private static void kill(Process process) {
    if (process.isAlive()) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }

  /** The end of a program's standard error, read on a virtual thread so it never blocks. */
  private static final class StderrTail {
    private final StringBuilder text = new StringBuilder();

    static StderrTail drain(InputStream stream) {
      StderrTail tail = new StderrTail();
      Thread.ofVirtual()
          .start(
              () -> {
                byte[] buffer = new byte[4096];
                try (stream) {
                  for (int n; (n = stream.read(buffer)) >= 0; ) {
                    tail.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                  }
                } catch (IOException e) {
                  // the program is gone
                }
              });
      return tail;
    }

    private synchronized void append(String more) {
      text.append(more);
      if (text.length() > STDERR_KEPT) {
        text.delete(0, text.length() - STDERR_KEPT);
      }
    }

    synchronized String text() {
      return text.toString();
    }
  }
}
