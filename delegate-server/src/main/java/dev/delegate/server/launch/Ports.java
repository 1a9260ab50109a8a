package dev.delegate.server.launch;

import dev.delegate.server.config.ConfigException;
import dev.delegate.server.config.ServerConfig;
import dev.delegate.server.config.ServerConfig.Role;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Finds a role's port in use before any role starts, so that {@code serve} stops with one line
 * naming the port, the role and its option instead of a stack trace after other roles started.
 */
final class Ports {
  private Ports() {}

  /**
   * Binds each configured role's port (all at once, so two roles given one port are caught too) and
   * lets go of them again.
   *
   * @throws ConfigException for the first port that cannot be bound
   */
  static void checkFree(ServerConfig config) {
    InetAddress address;
    try {
      address = InetAddress.getByName(config.bind());
    } catch (IOException e) {
      throw new ConfigException("--bind " + config.bind() + " cannot be resolved: " + e);
    }
    List<ServerSocket> held = new ArrayList<>();
    try {
      for (Role role : List.of(Role.API, Role.POOL, Role.PROCESSOR)) {
        int port = port(config, role);
        if (!config.roles().contains(role) || port == 0) {
          continue;
        }
        try {
          ServerSocket socket = new ServerSocket();
          held.add(socket);
          socket.setReuseAddress(true); // as the HTTP server binds: a closing connection is no use
          socket.bind(new InetSocketAddress(address, port), 1);
        } catch (IOException e) {
          throw inUse(role, port);
        }
      }
    } finally {
      for (ServerSocket socket : held) {
        try {
          socket.close();
        } catch (IOException e) {
          // it was only a check
        }
      }
    }
  }

  /** Starts a role; its port taken meanwhile (after {@link #checkFree}) is said the same way. */
  static <T> T binding(Role role, ServerConfig config, Supplier<T> start) {
    try {
      return start.get();
    } catch (RuntimeException e) {
      for (Throwable cause = e; cause != null; cause = cause.getCause()) {
        if (cause instanceof BindException) {
          throw inUse(role, port(config, role));
        }
      }
      throw e;
    }
  }

  static ConfigException inUse(Role role, int port) {
    String name = role.name().toLowerCase(Locale.ROOT);
    return new ConfigException(
        "port " + port + " is in use (" + name + "); choose another with --" + name + "-port");
  }

  private static int port(ServerConfig config, Role role) {
    return switch (role) {
      case API -> config.apiPort();
      case POOL -> config.poolPort();
      case PROCESSOR -> config.processorPort();
    };
  }
}
