package dev.delegate.server.web;

import dev.delegate.core.job.ObservableJobStore;
import dev.delegate.server.delegation.RouteInstaller;
import dev.delegate.server.delegation.WebServices;
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
      Map.of(
          "/tasks/{id}", "task.html",
          "/prs/{owner}/{repo}/{number}", "pr.html",
          "/workers", "workers.html",
          "/dashboard", "dashboard.html");

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
    live.installNodeWorkers(config);
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
