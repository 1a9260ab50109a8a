package dev.delegate.server.web;

import dev.delegate.core.PermanentException;
import dev.delegate.core.forge.RepoRef;
import dev.delegate.core.job.ObservableJobStore;
import dev.delegate.server.delegation.RouteInstaller;
import dev.delegate.server.delegation.WebServices;
import dev.delegate.server.http.NotFoundPage;
import dev.delegate.server.http.Sse;
import dev.delegate.server.live.LiveRoutes;
import dev.delegate.server.live.Relay;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The web UI on the API port: pages and assets from the classpath folder {@code web/} (no build
 * step), and the live streams they read ({@code /api/events}, {@code /api/jobs/{id}/terminal},
 * {@code /api/workers/events}, {@code /api/nodes/workers/events}; docs/api.md, "Live"), the
 * terminal and the workers of other nodes relayed from them ({@link LiveRoutes}).
 */
public final class WebUi implements RouteInstaller {
  private static final Map<String, String> PAGES =
      Map.of("/workers", "workers.html", "/dashboard", "dashboard.html");

  @Override
  public void install(JavalinConfig config, WebServices services) {
    Sse.Hub streams = new Sse.Hub();
    config.events.serverStopping(streams::closeAll);
    config.staticFiles.add(
        files -> {
          files.hostedPath = "/";
          files.directory = "/web";
          files.location = Location.CLASSPATH;
        });
    PAGES.forEach((path, file) -> config.routes.get(path, ctx -> page(ctx, file)));
    config.routes.get("/tasks/{id}", ctx -> taskPage(ctx, services));
    config.routes.get("/prs/{owner}/{repo}/{number}", ctx -> pullRequestPage(ctx, services));
    new DashboardApi(services.jobs(), services.clock()).routes(config);
    String defaultRepo = services.config().defaultRepo().fullName();
    boolean signIn = services.config().token().isPresent();
    config.routes.get(
        "/api/ui", ctx -> ctx.json(Map.of("defaultRepo", defaultRepo, "signIn", signIn)));

    if (services.jobs() instanceof ObservableJobStore observable) {
      config.routes.get("/api/events", new JobEventsStream(streams, observable)::handle);
    }
    Relay relay =
        new Relay(services.nodes(), services.nodeId(), services.config().token(), services.clock());
    LiveRoutes live =
        new LiveRoutes(
            services.jobs(),
            services.pool(),
            services.config().poolConfig().dataDirectory(),
            relay);
    live.install(config);
    live.installNodeWorkers(config, services.stuck());
  }

  /** The task page, or a 404 page for a task that does not exist. */
  private static void taskPage(Context ctx, WebServices services) {
    String id = ctx.pathParam("id");
    if (services.tasks().find(id).isEmpty()) {
      NotFoundPage.answer(ctx, "No such task", "There is no task " + id + ".");
    } else {
      page(ctx, "task.html");
    }
  }

  /** The local forge's pull-request page, or a 404 page for one that does not exist. */
  private static void pullRequestPage(Context ctx, WebServices services) {
    String owner = ctx.pathParam("owner");
    String repo = ctx.pathParam("repo");
    String number = ctx.pathParam("number");
    if (findPullRequest(services, owner, repo, number)) {
      page(ctx, "pr.html");
    } else {
      NotFoundPage.answer(
          ctx,
          "No such pull request",
          "There is no pull request #" + number + " in " + owner + "/" + repo + ".");
    }
  }

  private static boolean findPullRequest(
      WebServices services, String owner, String repo, String number) {
    try {
      return services
          .forge()
          .pullRequest(new RepoRef(owner, repo), Integer.parseInt(number))
          .isPresent();
    } catch (IllegalArgumentException | PermanentException e) {
      return false; // not a repository name or number, or not a repository of this forge
    }
  }

  private static void page(Context ctx, String file) {
    try (InputStream in = WebUi.class.getResourceAsStream("/web/" + file)) {
      if (in == null) {
        throw new IllegalStateException("web/" + file + " is missing from the jar: a build bug");
      }
      ctx.contentType("text/html; charset=utf-8").result(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
