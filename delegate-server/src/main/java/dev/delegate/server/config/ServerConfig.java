package dev.delegate.server.config;

import dev.delegate.agent.pool.PoolConfig;
import dev.delegate.core.DurationText;
import dev.delegate.core.agent.ApprovalPolicy;
import dev.delegate.core.forge.RepoRef;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything {@code delegate serve} runs with, validated at construction.
 *
 * @param roles which of {@code api}, {@code processor} and {@code pool} this process runs
 * @param token required from clients when set; required to be set for a non-loopback bind
 * @param metricsToken also accepted, besides {@code token}, on {@code GET /metrics}: a token that
 *     lets Prometheus read the metrics and nothing else
 * @param defaultRepo the repository a delegation goes to when the request names none
 * @param database the embedded H2 file, or the PostgreSQL several nodes share
 * @param allowUntestedAgent start the pool even when its agent CLI's version is not one its profile
 *     was tested with, or cannot be read (with a warning)
 * @param webhooks where job events are POSTed, signed; {@link WebhookOptions#NONE}: nowhere
 * @param followUps how review comments and failed checks start follow-up jobs
 */
public record ServerConfig(
    Set<Role> roles,
    String bind,
    int apiPort,
    int poolPort,
    int processorPort,
    Path dataDirectory,
    Path profilesDirectory,
    String agent,
    PoolConfig poolConfig,
    ApprovalPolicy approvalPolicy,
    ProcessorOptions processor,
    Optional<String> token,
    Optional<String> metricsToken,
    RepoRef defaultRepo,
    Duration finishDelegationsAfter,
    DatabaseOptions database,
    Optional<URI> nodeUrl,
    boolean allowUntestedAgent,
    WebhookOptions webhooks,
    FollowUpOptions followUps) {

  public static final String DEFAULT_BIND = "127.0.0.1";
  public static final int DEFAULT_API_PORT = 8080;
  public static final int DEFAULT_POOL_PORT = 8081;
  public static final int DEFAULT_PROCESSOR_PORT = 8082;
  public static final String DEFAULT_AGENT = "scripted";
  public static final String DEFAULT_REPO = "local/sample-app";
  public static final Duration DEFAULT_FINISH_DELEGATIONS_AFTER = Duration.ofMinutes(2);

  /** The parts of the pipeline one process can run. */
  public enum Role {
    API,
    PROCESSOR,
    POOL
  }

  public ServerConfig {
    roles = Set.copyOf(roles);
    if (roles.isEmpty()) {
      throw new ConfigException("--roles names no role; use api, processor and/or pool");
    }
    Objects.requireNonNull(dataDirectory, "dataDirectory");
    Objects.requireNonNull(profilesDirectory, "profilesDirectory");
    Objects.requireNonNull(poolConfig, "poolConfig");
    Objects.requireNonNull(approvalPolicy, "approvalPolicy");
    Objects.requireNonNull(processor, "processor");
    Objects.requireNonNull(defaultRepo, "defaultRepo");
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(nodeUrl, "nodeUrl");
    Objects.requireNonNull(webhooks, "webhooks");
    Objects.requireNonNull(followUps, "followUps");
    if (finishDelegationsAfter.isNegative() || finishDelegationsAfter.isZero()) {
      throw new ConfigException(
          "--finish-delegations-after must be positive, was "
              + DurationText.of(finishDelegationsAfter));
    }
    Duration turnTimeout = processor.settings().turnTimeout();
    if (turnTimeout.compareTo(poolConfig.maxTimeout()) > 0) {
      throw new ConfigException(
          "--turn-timeout ("
              + DurationText.of(turnTimeout)
              + ") is longer than --max-timeout ("
              + DurationText.of(poolConfig.maxTimeout())
              + ")");
    }
    if (roles.contains(Role.PROCESSOR) && !roles.contains(Role.POOL)) {
      throw new ConfigException(
          "the processor role runs its agents in this process's pool: "
              + "use --roles processor,pool");
    }
    if (processor.forgeUrl().isPresent() && database.url().isEmpty()) {
      throw new ConfigException(
          "--forge-url needs --database-url: the pull requests of a forge served by another node"
              + " are kept in the database the nodes share");
    }
    requirePort(apiPort, "api-port");
    requirePort(poolPort, "pool-port");
    requirePort(processorPort, "processor-port");
    if (agent == null || agent.isBlank()) {
      throw new ConfigException("--agent names no agent profile");
    }
    token = token.filter(t -> !t.isBlank());
    metricsToken = metricsToken.filter(t -> !t.isBlank());
    if (!isLoopback(bind) && token.isEmpty()) {
      throw new ConfigException(
          "binding to "
              + bind
              + " exposes Delegate beyond this machine; set --token (or "
              + "DELEGATE_TOKEN) so that clients must authenticate");
    }
  }

  /** The same settings with another API port (the local forge's links point at it). */
  public ServerConfig withApiPort(int port) {
    return new ServerConfig(
        roles,
        bind,
        port,
        poolPort,
        processorPort,
        dataDirectory,
        profilesDirectory,
        agent,
        poolConfig,
        approvalPolicy,
        processor,
        token,
        metricsToken,
        defaultRepo,
        finishDelegationsAfter,
        database,
        nodeUrl,
        allowUntestedAgent,
        webhooks,
        followUps);
  }

  /** Parses {@code --node-url}; a mistake is a {@link ConfigException} a person can act on. */
  public static URI parseNodeUrl(String text) {
    return HttpUrlOption.parse("--node-url", text, "where other nodes reach this node");
  }

  /**
   * Where other nodes reach this node's port {@code port}: {@code --node-url}, else {@code
   * http://<--bind>:<port>}, with this machine's host name for a wildcard {@code --bind}.
   */
  public String nodeAddress(int port) {
    if (nodeUrl.isPresent()) {
      String url = nodeUrl.get().toString();
      return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
    String host = bind;
    try {
      InetAddress address = InetAddress.getByName(bind);
      if (address.isAnyLocalAddress()) {
        host = InetAddress.getLocalHost().getCanonicalHostName();
      }
    } catch (java.io.IOException e) {
      // an unresolvable --bind fails when the server binds it; keep it as given
    }
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return "http://" + host + ":" + port;
  }

  private static void requirePort(int port, String name) {
    if (port < 0 || port > 65535) {
      throw new ConfigException("--" + name + " must be a port from 0 to 65535, was " + port);
    }
  }

  static boolean isLoopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      throw new ConfigException("--bind " + host + " is not an address of this machine");
    }
  }
}
