package dev.delegate.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.delegate.server.config.ServerConfig;
import java.io.PrintWriter;
import java.net.URI;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code delegate workers}: the worker pool's sessions and queue, from its {@code /health}. */
@Command(
    name = "workers",
    mixinStandardHelpOptions = true,
    description = "Prints one line per worker of the pool, then the queue length.")
public final class WorkersCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin TokenOption access = new TokenOption();

  @Option(
      names = "--pool-url",
      defaultValue = "http://" + ServerConfig.DEFAULT_BIND + ":" + ServerConfig.DEFAULT_POOL_PORT,
      description = "Worker pool (default: ${DEFAULT-VALUE}).")
  URI poolUrl;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      ApiClient.Response health = new ApiClient(poolUrl, access.token()).get("/health");
      if (health.status() != 200) {
        err.println(
            "delegate: the pool answered " + health.status() + ": " + health.errorMessage());
        err.flush();
        return Exit.FAILED;
      }
      for (JsonNode worker : health.json().path("workers")) {
        String state =
            worker
                .path("state")
                .asText(
                    worker.path("busy").asBoolean()
                        ? "BUSY"
                        : worker.path("ready").asBoolean() ? "READY" : "STARTING");
        String task =
            worker.path("currentTask").isTextual()
                ? "  task: " + worker.path("currentTask").asText()
                : "";
        out.printf(
            "worker %d  %-10s idle %d s  turns %d  restarts %d%s%n",
            worker.path("id").asInt(),
            state,
            worker.path("idle").asLong(),
            worker.path("turns").asInt(),
            worker.path("restarts").asInt(),
            task);
      }
      out.println("queued: " + health.json().path("queued").asInt());
      out.flush();
      return Exit.SUCCEEDED;
    } catch (ApiClient.CannotConnect e) {
      err.println(
          "delegate: "
              + e.getMessage().replace("bin/delegate serve", "bin/delegate serve (the pool role)"));
      err.flush();
      return Exit.CANNOT_CONNECT;
    }
  }
}
