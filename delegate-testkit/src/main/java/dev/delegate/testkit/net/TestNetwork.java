package dev.delegate.testkit.net;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Hosts of their own on this machine for a test: each a Linux network namespace ({@code ip netns})
 * with one interface on a private {@code /24}, all joined by a bridge in a namespace of its own.
 * The test's JVM joins the same network through one more veth pair, so it reaches every host by
 * address while the hosts see nothing of this machine's loopback: a program that assumes {@code
 * localhost} or a shared disk path fails here as it would on separate machines.
 *
 * <p>Needs root (CI runs as root) and iproute2. Everything it made is removed by {@link #close},
 * and by a watcher process if the JVM dies first.
 */
public final class TestNetwork implements AutoCloseable {
  private static final int ROOT_HOST = 254;

  private final String prefix;
  private final String subnet;
  private final Map<String, Host> hosts = new LinkedHashMap<>();
  private final List<String> namespaces = new ArrayList<>();
  private boolean closed;

  /** One host: its namespace and address. */
  public record Host(String name, String namespace, String address) {
    /** {@code command} run inside this host's namespace. */
    public List<String> command(List<String> command) {
      List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
      full.addAll(command);
      return full;
    }
  }

  private TestNetwork(String prefix, String subnet) {
    this.prefix = prefix;
    this.subnet = subnet;
  }

  /**
   * Whether this process may make namespaces: it runs as root (as CI does). A root without iproute2
   * is not excused: {@link #create} then fails, naming what {@code bin/test} installs.
   */
  public static boolean available() {
    return "root".equals(System.getProperty("user.name"));
  }

  /** Makes one host per name (at most 200), each with a fresh address on a random subnet. */
  public static TestNetwork create(List<String> names) {
    if (names.isEmpty() || names.size() > 200) {
      throw new IllegalArgumentException("between 1 and 200 hosts, was " + names.size());
    }
    if (!new File("/usr/sbin/ip").canExecute() && !new File("/sbin/ip").canExecute()) {
      throw new IllegalStateException(
          "test hosts need iproute2's 'ip' (bin/test installs it: apt-get install iproute2)");
    }
    ThreadLocalRandom random = ThreadLocalRandom.current();
    String prefix = String.format(Locale.ROOT, "dt%04x", random.nextInt(0x10000));
    String subnet = "10." + random.nextInt(200, 250) + "." + random.nextInt(0, 256);
    TestNetwork network = new TestNetwork(prefix, subnet);
    try {
      network.build(names);
      network.watchThisJvm();
      return network;
    } catch (IOException | RuntimeException e) {
      network.close();
      throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
    }
  }

  public Host host(String name) {
    Host host = hosts.get(name);
    if (host == null) {
      throw new IllegalArgumentException("no host " + name + " in " + hosts.keySet());
    }
    return host;
  }

  /** The address this JVM has on the network. */
  public String ownAddress() {
    return subnet + "." + ROOT_HOST;
  }

  private void build(List<String> names) throws IOException {
    String bridgeSpace = prefix + "-br";
    addNamespace(bridgeSpace);
    ip("netns", "exec", bridgeSpace, "ip", "link", "add", "br0", "type", "bridge");
    ip("netns", "exec", bridgeSpace, "ip", "link", "set", "br0", "up");
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      String space = prefix + "-" + name;
      addNamespace(space);
      String address = subnet + "." + (i + 1);
      join(space, bridgeSpace, "h" + i, address);
      ip("netns", "exec", space, "ip", "link", "set", "lo", "up");
      hosts.put(name, new Host(name, space, address));
    }
    // this JVM's own leg: the outer end stays in the root namespace
    String outer = prefix + "r";
    ip("link", "add", outer, "type", "veth", "peer", "name", prefix + "rb");
    ip("link", "set", prefix + "rb", "netns", bridgeSpace);
    ip("netns", "exec", bridgeSpace, "ip", "link", "set", prefix + "rb", "master", "br0");
    ip("netns", "exec", bridgeSpace, "ip", "link", "set", prefix + "rb", "up");
    ip("addr", "add", ownAddress() + "/24", "dev", outer);
    ip("link", "set", outer, "up");
  }

  /** A veth pair: {@code eth0} in {@code space} with {@code address}, its peer on the bridge. */
  private void join(String space, String bridgeSpace, String tag, String address)
      throws IOException {
    String inner = prefix + tag;
    String onBridge = prefix + tag + "b";
    ip("link", "add", inner, "type", "veth", "peer", "name", onBridge);
    ip("link", "set", inner, "netns", space);
    ip("link", "set", onBridge, "netns", bridgeSpace);
    ip("netns", "exec", space, "ip", "link", "set", inner, "name", "eth0");
    ip("netns", "exec", space, "ip", "addr", "add", address + "/24", "dev", "eth0");
    ip("netns", "exec", space, "ip", "link", "set", "eth0", "up");
    ip("netns", "exec", bridgeSpace, "ip", "link", "set", onBridge, "master", "br0");
    ip("netns", "exec", bridgeSpace, "ip", "link", "set", onBridge, "up");
  }

  private void addNamespace(String space) throws IOException {
    ip("netns", "add", space);
    namespaces.add(space);
  }

  /**
   * A detached shell that removes the namespaces and this JVM's veth once this JVM is gone, however
   * it went.
   */
  private void watchThisJvm() throws IOException {
    StringBuilder script = new StringBuilder();
    script
        .append("while kill -0 ")
        .append(ProcessHandle.current().pid())
        .append(" 2>/dev/null; do sleep 1; done; ip link del ")
        .append(prefix)
        .append("r 2>/dev/null;");
    for (String space : namespaces) {
      script.append(" ip netns del ").append(space).append(" 2>/dev/null;");
    }
    script.append(" true");
    var unused =
        new ProcessBuilder("setsid", "sh", "-c", script.toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .start();
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    quietly("link", "del", prefix + "r");
    for (String space : namespaces.reversed()) {
      quietly("netns", "del", space);
    }
  }

  private void quietly(String... args) {
    try {
      ip(args);
    } catch (IOException | RuntimeException e) {
      // already gone
    }
  }

  private static void ip(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of("ip"));
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException(String.join(" ", command) + " did not finish in 30 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    if (process.exitValue() != 0) {
      throw new IOException(
          String.join(" ", command)
              + " exited with "
              + process.exitValue()
              + ": "
              + output.strip());
    }
  }

  @Override
  public String toString() {
    return "test network " + prefix + " on " + subnet + ".0/24 " + hosts.values();
  }
}
