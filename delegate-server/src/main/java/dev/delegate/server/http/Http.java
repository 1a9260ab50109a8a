package dev.delegate.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.delegate.core.PermanentException;
import dev.delegate.core.TransientException;
import dev.delegate.core.agent.PoolFullException;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import io.javalin.json.JavalinJackson;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.component.LifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the HTTP servers of every role the same way: virtual threads, JSON by Jackson, the
 * optional token ({@link Access}), and the one place where exceptions become status codes and the
 * error body {@code {"error":{"code":"…","message":"…"}}}.
 */
public final class Http {
  private static final Logger LOG = LoggerFactory.getLogger(Http.class);
  public static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private static final int ACCEPT_QUEUE = 1024;

  private Http() {}

  /** A server on {@code host:port} (port 0 picks a free one) with the given routes; started. */
  public static Javalin start(
      String name, String host, int port, Optional<Access> access, Consumer<JavalinConfig> routes) {
    Javalin app =
        Javalin.create(
            config -> {
              config.concurrency.useVirtualThreads = true;
              config.startup.showJavalinBanner = false;
              config.jsonMapper(new JavalinJackson(JSON, true));
              config.jetty.host = host;
              config.jetty.port = port;
              config.jetty.modifyServer(Http::deepAcceptQueue);
              SecurityHeaders.install(config);
              access.ifPresent(a -> a.install(config));
              mapErrors(config);
              routes.accept(config);
            });
    app.start();
    LOG.info("{} listening on http://{}:{}", name, host, app.port());
    return app;
  }

  /**
   * Connections not yet accepted may queue {@value #ACCEPT_QUEUE} deep (the JDK's default is 50):
   * hundreds of clients that connect at once are served, not reset.
   */
  private static void deepAcceptQueue(Server server) {
    server.addEventListener(
        new LifeCycle.Listener() {
          @Override
          public void lifeCycleStarting(LifeCycle event) {
            for (Connector connector : server.getConnectors()) {
              if (connector instanceof ServerConnector serverConnector) {
                serverConnector.setAcceptQueueSize(ACCEPT_QUEUE);
              }
            }
          }
        });
  }

  public static void error(Context ctx, int status, String code, String message) {
    error(ctx, status, code, message, Map.of());
  }

  /** The error body, with {@code "fields"} (field name to message) when there are any. */
  public static void error(
      Context ctx, int status, String code, String message, Map<String, String> fields) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", code);
    error.put("message", message);
    if (!fields.isEmpty()) {
      error.put("fields", fields);
    }
    ctx.status(status).json(Map.of("error", error));
  }

  private static void mapErrors(JavalinConfig config) {
    config.routes.exception(
        ApiException.class,
        (e, ctx) -> error(ctx, e.status(), e.code(), e.getMessage(), e.fields()));
    config.routes.exception(
        PoolFullException.class, (e, ctx) -> error(ctx, 503, "pool_full", e.getMessage()));
    config.routes.exception(
        PermanentException.class,
        (e, ctx) -> {
          // a client's mistakes are ApiExceptions (4xx); this is a part of the server that refused
          LOG.error("failed serving {} {}", ctx.method(), ctx.path(), e);
          error(ctx, 500, "failed", e.getMessage());
        });
    config.routes.exception(
        TransientException.class, (e, ctx) -> error(ctx, 503, "unavailable", e.getMessage()));
    config.routes.exception(
        Exception.class,
        (e, ctx) -> {
          String request;
          try {
            request = ctx.method() + " " + ctx.path();
          } catch (RuntimeException gone) {
            // the request ended (a stream whose client left, a stopping server): nobody to answer,
            // and a handler that throws here makes the framework handle the failure over and over
            LOG.debug("error after the request ended: {}", e.toString());
            return;
          }
          LOG.error("unexpected error serving {}", request, e);
          error(ctx, 500, "internal", "internal error; the server log has the details");
        });
    config.routes.exception(
        NotFoundResponse.class,
        (e, ctx) -> {
          if (NotFoundPage.wantsHtml(ctx)) {
            NotFoundPage.answer(ctx, "Page not found", "There is no page at " + ctx.path() + ".");
          } else {
            error(ctx, 404, "not_found", "no such endpoint: " + ctx.method() + " " + ctx.path());
          }
        });
  }
}
