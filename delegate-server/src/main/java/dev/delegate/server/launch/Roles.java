package dev.delegate.server.launch;

import dev.delegate.agent.profile.ProfileCatalog;
import dev.delegate.agent.profile.ProfileVariables;
import dev.delegate.server.config.ServerConfig;
import dev.delegate.server.config.ServerConfig.Role;
import dev.delegate.server.delegation.ApiRole;
import dev.delegate.server.delegation.RouteInstaller;
import dev.delegate.server.metrics.NodeMetrics;
import dev.delegate.server.node.Node;
import dev.delegate.server.node.NodeHeartbeat;
import dev.delegate.server.pool.PoolRole;
import dev.delegate.server.processor.ProcessorHooks;
import dev.delegate.server.processor.ProcessorRole;
import dev.delegate.server.web.WebUi;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * The roles one process runs, started in order (pool, processor, API) and stopped in reverse. The
 * API and processor roles share one {@link Node}: one store and one forge per process.
 */
public final class Roles implements AutoCloseable {
  private final Optional<PoolRole> pool;
  private final Optional<ProcessorRole> processor;
  private final Optional<ApiRole> api;
  private final Optional<Node> node;
  private final Optional<NodeHeartbeat> heartbeat;
  private final NodeMetrics metrics;

  private Roles(
      Optional<PoolRole> pool,
      Optional<ProcessorRole> processor,
      Optional<ApiRole> api,
      Optional<Node> node,
      Optional<NodeHeartbeat> heartbeat,
      NodeMetrics metrics) {
    this.metrics = metrics;
    this.pool = pool;
    this.processor = processor;
    this.api = api;
    this.node = node;
    this.heartbeat = heartbeat;
  }

  /** Routes mounted on the API port besides the delegation API (the web UI's, for one). */
  public static List<RouteInstaller> webRoutes() {
    return List.of(new WebUi());
  }

  /** Starts the configured roles and prints where each listens to {@code out}. */
  public static Roles start(ServerConfig requested, PrintStream out) {
    return start(requested, out::println);
  }

  /**
   * Starts the configured roles and, once all of them are up, tells {@code announce} where each
   * listens, one line per role.
   *
   * @throws dev.delegate.server.config.ConfigException when a role's port is in use, before any
   *     role started
   */
  public static Roles start(ServerConfig requested, Consumer<String> announce) {
    Ports.checkFree(requested);
    ServerConfig config = withKnownApiPort(requested);
    List<AutoCloseable> started = new ArrayList<>();
    List<String> lines = new ArrayList<>();
    NodeMetrics metrics = NodeMetrics.create(); // one registry, served on every port
    started.add(metrics);
    try {
      Optional<PoolRole> pool = Optional.empty();
      if (config.roles().contains(Role.POOL)) {
        pool =
            Optional.of(
                Ports.binding(
                    Role.POOL, config, () -> PoolRole.start(config, metrics).serve(config)));
        started.add(pool.get());
        lines.add(
            String.format(
                Locale.ROOT,
                "worker pool: http://%s:%d/health (%d x %s)",
                config.bind(),
                pool.get().port(),
                config.poolConfig().workers(),
                config.agent()));
      }
      Optional<Node> node = Optional.empty();
      if (config.roles().contains(Role.API) || config.roles().contains(Role.PROCESSOR)) {
        node = Optional.of(Node.open(config, metrics));
        started.add(node.get());
      }
      Optional<ProcessorRole> processor = Optional.empty();
      if (config.roles().contains(Role.PROCESSOR)) {
        Node shared = node.get();
        PoolRole localPool = pool.orElseThrow();
        processor =
            Optional.of(
                Ports.binding(
                    Role.PROCESSOR,
                    config,
                    () -> ProcessorRole.start(config, localPool.pool(), shared)));
        started.add(processor.get());
        lines.add(
            String.format(
                Locale.ROOT,
                "PR processor: http://%s:%d/health (forge: %s%s)",
                config.bind(),
                processor.get().port(),
                config.processor().forge(),
                config.processor().forgeUrl().map(url -> " at " + url).orElse("")));
      }
      Optional<ApiRole> api = Optional.empty();
      if (config.roles().contains(Role.API)) {
        Node shared = node.get();
        Optional<PoolRole> localPool = pool;
        ProcessorHooks hooks = processor.map(ProcessorRole::hooks).orElse(ProcessorHooks.NONE);
        api =
            Optional.of(
                Ports.binding(
                    Role.API,
                    config,
                    () ->
                        ApiRole.start(
                            config,
                            shared,
                            localPool.map(PoolRole::pool),
                            hooks,
                            agentName(config, localPool),
                            webRoutes())));
        started.add(api.get());
        lines.add(
            String.format(
                Locale.ROOT,
                "Delegate: http://%s:%d/%s",
                config.bind(),
                api.get().port(),
                config.token().isPresent() ? " (sign in with the token)" : ""));
      }
      Optional<NodeHeartbeat> heartbeat = Optional.empty();
      if (node.isPresent()) {
        heartbeat =
            Optional.of(
                NodeHeartbeat.start(
                    node.get().nodes(),
                    node.get().id(),
                    config.roles().stream()
                        .map(r -> r.name().toLowerCase(Locale.ROOT))
                        .sorted()
                        .toList(),
                    address(config, api, processor),
                    pool.map(p -> p.pool()),
                    node.get().clock()));
      }
      lines.forEach(announce);
      return new Roles(pool, processor, api, node, heartbeat, metrics);
    } catch (RuntimeException e) {
      started.reversed().forEach(Roles::closeQuietly);
      throw e;
    }
  }

  public Optional<PoolRole> pool() {
    return pool;
  }

  public Optional<ProcessorRole> processor() {
    return processor;
  }

  public Optional<ApiRole> api() {
    return api;
  }

  public Optional<Node> node() {
    return node;
  }

  /** The metrics of this process, served at {@code /metrics} on each of its ports. */
  public NodeMetrics metrics() {
    return metrics;
  }

  /** Where other nodes reach this node's own endpoints: the API's, else the processor's. */
  private static String address(
      ServerConfig config, Optional<ApiRole> api, Optional<ProcessorRole> processor) {
    int port = api.map(ApiRole::port).orElseGet(() -> processor.orElseThrow().port());
    return config.nodeAddress(port);
  }

  /** Stops the API, then the processor (its running jobs go back to the queue), pool, store. */
  @Override
  public void close() {
    api.ifPresent(Roles::closeQuietly);
    processor.ifPresent(Roles::closeQuietly);
    pool.ifPresent(Roles::closeQuietly);
    heartbeat.ifPresent(Roles::closeQuietly);
    node.ifPresent(Roles::closeQuietly);
    closeQuietly(metrics);
  }

  /**
   * The local forge writes the API's address into pull-request links before the API starts, so "any
   * free port" (0) is resolved to a free port here. It is chosen below the kernel's ephemeral
   * range: the seconds until the API binds it (the pool's agents start first) are long enough for
   * an outgoing connection or another server's port 0 to take an ephemeral port, never this one.
   */
  private static ServerConfig withKnownApiPort(ServerConfig config) {
    if (config.apiPort() != 0 || !config.roles().contains(Role.API)) {
      return config;
    }
    InetAddress address;
    try {
      address = InetAddress.getByName(config.bind());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot resolve " + config.bind(), e);
    }
    int below = ephemeralRangeStart();
    for (int tries = 0; tries < 100; tries++) {
      int port = ThreadLocalRandom.current().nextInt(10_000, below);
      try (ServerSocket socket = new ServerSocket(port, 1, address)) {
        return config.withApiPort(socket.getLocalPort());
      } catch (IOException taken) {
        // try another
      }
    }
    throw new UncheckedIOException(
        new IOException("no free port between 10000 and " + below + " on " + config.bind()));
  }

  /** The first port the kernel hands out for port 0 and outgoing connections (Linux: 32768). */
  private static int ephemeralRangeStart() {
    try {
      String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).strip();
      int start = Integer.parseInt(range.split("\\s+")[0]);
      return start > 10_100 ? start : 32_768;
    } catch (IOException | RuntimeException e) {
      return 32_768;
    }
  }

  /** The agent's display name for TASK.md: the pool's, else the configured profile's. */
  private static String agentName(ServerConfig config, Optional<PoolRole> pool) {
    return pool.map(p -> p.pool().profile().displayName())
        .orElseGet(
            () ->
                ProfileCatalog.load(Optional.of(config.profilesDirectory()))
                    .get(config.agent(), ProfileVariables.forThisJvm())
                    .displayName());
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      System.err.println("delegate: error while stopping: " + e.getMessage());
    }
  }
}
