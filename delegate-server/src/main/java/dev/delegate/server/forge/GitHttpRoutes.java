package dev.delegate.server.forge;

import dev.delegate.core.PermanentException;
import dev.delegate.core.forge.RepoRef;
import dev.delegate.git.local.LocalForge;
import dev.delegate.server.http.ApiException;
import dev.delegate.server.http.Http;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local forge's repositories over git's smart HTTP, on the API port: {@code GET
 * /git/<owner>/<name>.git/info/refs?service=git-upload-pack|git-receive-pack} and {@code POST
 * /git/<owner>/<name>.git/git-upload-pack|git-receive-pack}, answered by {@code git http-backend}
 * over the forge's directory. Worker nodes on other machines fetch and push here ({@code
 * --forge-url}); a person can {@code git clone} from here. Only existing repositories are served,
 * and only these paths: anything else is a 400 or a 404 that says what is served. With a token,
 * {@code Access} lets git clients in by Bearer or Basic, never by the web UI's cookie.
 */
public final class GitHttpRoutes {
  /** Where the routes live; {@code Access} treats paths under it as a git client's. */
  public static final String PREFIX = "/git/";

  private static final Logger LOG = LoggerFactory.getLogger(GitHttpRoutes.class);
  private static final String PART = "([A-Za-z0-9_][A-Za-z0-9._-]{0,99})";
  private static final Pattern PATH =
      Pattern.compile(
          "^/git/" + PART + "/" + PART + "\\.git/(info/refs|git-upload-pack|git-receive-pack)$");
  private static final Pattern SERVICE =
      Pattern.compile("service=(git-upload-pack|git-receive-pack)");
  private static final Pattern PROTOCOL = Pattern.compile("[A-Za-z0-9=:._-]{1,100}");
  private static final String SERVED =
      "served: GET /git/<owner>/<name>.git/info/refs?service=git-upload-pack|git-receive-pack,"
          + " POST /git/<owner>/<name>.git/git-upload-pack|git-receive-pack";

  private final LocalForge forge;
  private final GitHttpBackend backend;

  public GitHttpRoutes(LocalForge forge) {
    this(forge, GitHttpBackend.DEFAULT_TIMEOUT);
  }

  GitHttpRoutes(LocalForge forge, Duration timeout) {
    this.forge = forge;
    this.backend = new GitHttpBackend(forge.directory(), timeout);
  }

  public void routes(JavalinConfig config) {
    config.routes.get(PREFIX + "<path>", this::serve);
    config.routes.post(PREFIX + "<path>", this::serve);
  }

  private void serve(Context ctx) throws IOException {
    String path = ctx.path();
    if (path.contains("..") || path.contains("%") || path.contains("//") || path.contains("\\")) {
      throw new ApiException(400, "invalid_path", "no '..', '%', '//' or '\\' in git paths");
    }
    Matcher matched = PATH.matcher(path);
    if (!matched.matches()) {
      throw new ApiException(404, "not_found", "no such git path: " + path + "; " + SERVED);
    }
    RepoRef repo;
    try {
      repo = new RepoRef(matched.group(1), matched.group(2));
    } catch (PermanentException e) {
      throw new ApiException(400, "invalid_path", e.getMessage());
    }
    String service = matched.group(3);
    String method = ctx.method().name();
    String query = Optional.ofNullable(ctx.queryString()).orElse("");
    if (service.equals("info/refs")) {
      if (!method.equals("GET") || !SERVICE.matcher(query).matches()) {
        throw new ApiException(
            400, "invalid_request", "this forge speaks git's smart HTTP only; " + SERVED);
      }
    } else if (!method.equals("POST") || !query.isEmpty()) {
      throw new ApiException(400, "invalid_request", SERVED);
    }
    if (!forge.exists(repo)) {
      throw new ApiException(
          404, "not_found", "repository " + repo + " does not exist in the local forge");
    }
    Optional<String> protocol =
        Optional.ofNullable(ctx.header("Git-Protocol")).filter(p -> PROTOCOL.matcher(p).matches());
    GitHttpBackend.Request request =
        new GitHttpBackend.Request(
            method,
            "/" + repo.owner() + "/" + repo.name() + ".git/" + service,
            query,
            Optional.ofNullable(ctx.header("Content-Type")),
            Optional.ofNullable(ctx.header("Content-Encoding")),
            Optional.ofNullable(ctx.header("Content-Length")),
            protocol,
            "delegate",
            ctx.ip(),
            method.equals("POST") ? ctx.req().getInputStream() : InputStream.nullInputStream());
    boolean receive = service.equals("git-receive-pack") && method.equals("POST");
    Map<String, String> before = receive ? forge.branchHeads(repo) : Map.of();
    try {
      backend.serve(request, new ServletResponse(ctx));
      if (receive) {
        forge.pushReceived(repo, before); // a base that moved may leave pull requests that conflict
      }
    } catch (GitHttpBackend.BackendFailure e) {
      LOG.warn("git {} {} for {}: {}", method, service, repo, e.getMessage());
      if (ctx.res().isCommitted()) {
        return;
      }
      Http.error(ctx, e.status(), e.status() >= 500 ? "git_failed" : "git_refused", e.getMessage());
    }
  }

  /** The servlet response itself: git's bytes go out as they come, in no buffer of Javalin's. */
  private record ServletResponse(Context ctx) implements GitHttpBackend.Response {
    @Override
    public void start(int status, Map<String, String> headers) {
      ctx.res().setStatus(status);
      headers.forEach((name, value) -> ctx.res().setHeader(name, value));
    }

    @Override
    public OutputStream body() throws IOException {
      return ctx.res().getOutputStream();
    }
  }
}
