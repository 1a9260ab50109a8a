package dev.delegate.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.delegate.server.config.ServerConfig;
import java.io.PrintWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code delegate workers}: the worker pool's sessions and queue, from its {@code /health}; with
 * {@code --url}, every node's, grouped by node, from an API node's {@code /api/nodes/workers}.
 */
@Command(
    name = "workers",
    mixinStandardHelpOptions = true,
    description =
        "Prints one line per worker of the pool, then the queue length; with --url, those of"
            + " every node sharing the API node's store, under a line per node.")
public final class WorkersCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin TokenOption access = new TokenOption();

  @Option(
      names = "--pool-url",
      defaultValue = "http://" + ServerConfig.DEFAULT_BIND + ":" + ServerConfig.DEFAULT_POOL_PORT,
      description = "Worker pool (default: ${DEFAULT-VALUE}).")
  URI poolUrl;

  @Option(
      names = "--url",
      description = "An API node: every node's workers, grouped by node (instead of --pool-url).")
  URI apiUrl;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      if (apiUrl != null) {
        return byNode(out, err);
      }
      ApiClient.Response health = new ApiClient(poolUrl, access.token()).get("/health");
      if (health.status() != 200) {
        err.println(
            "delegate: the pool answered " + health.status() + ": " + health.errorMessage());
        err.flush();
        return Exit.FAILED;
      }
      print(out, health.json(), "");
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

  private int byNode(PrintWriter out, PrintWriter err) throws InterruptedException {
    try {
      ApiClient.Response nodes = new ApiClient(apiUrl, access.token()).get("/api/nodes/workers");
      if (nodes.status() != 200) {
        err.println("delegate: the API answered " + nodes.status() + ": " + nodes.errorMessage());
        err.flush();
        return Exit.FAILED;
      }
      for (JsonNode node : nodes.json().path("nodes")) {
        out.printf(
            "node %s  %s  %s  %s  heartbeat %.0f s ago%n",
            node.path("id").asText(),
            node.path("status").asText(),
            roles(node.path("roles")),
            node.path("address").asText(),
            node.path("heartbeatAge").asDouble());
        if (node.path("problem").isTextual()) {
          out.println("  " + node.path("problem").asText());
        }
        if (node.path("pool").isObject()) {
          print(out, node.path("pool"), "  ");
        }
      }
      out.flush();
      return Exit.SUCCEEDED;
    } catch (ApiClient.CannotConnect e) {
      err.println("delegate: " + e.getMessage());
      err.flush();
      return Exit.CANNOT_CONNECT;
    }
  }

  private static String roles(JsonNode roles) {
    List<String> names = new ArrayList<>();
    roles.forEach(role -> names.add(role.asText()));
    return String.join(",", names);
  }

  /** One line per worker of a pool's {@code /health} body, then its queue. */
  private static void print(PrintWriter out, JsonNode health, String indent) {
    for (JsonNode worker : health.path("workers")) {
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
      String job =
          worker.path("jobId").isTextual() ? "  job: " + worker.path("jobId").asText() : "";
      out.print(indent);
      out.printf(
          "worker %d  %-10s idle %d s  turns %d  restarts %d%s%s%n",
          worker.path("id").asInt(),
          state,
          worker.path("idle").asLong(),
          worker.path("turns").asInt(),
          worker.path("restarts").asInt(),
          job,
          task);
    }
    out.println(indent + "queued: " + health.path("queued").asInt());
  }
}
