package dev.delegate.testkit.postgres;

import dev.delegate.testkit.net.TestNetwork;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for tests: a throwaway cluster ({@code initdb}) in a temporary folder,
 * started with {@code pg_ctl} on a free loopback port, with password authentication over TCP, and
 * gone when the JVM ends. Durability is off ({@code fsync}, {@code synchronous_commit}), which
 * changes no answer a query gives. Each test takes its own database ({@link #newDatabase}). As
 * root, the server runs as the {@code postgres} user (PostgreSQL refuses root). Its binaries come
 * from Debian's {@code postgresql} package, which {@code bin/test} installs.
 */
public final class PostgresServer implements AutoCloseable {
  /** The superuser the cluster is made with. */
  public static final String USER = "delegate";

  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static PostgresServer shared;

  private final Path bin;
  private final Path data;
  private final boolean asPostgres;
  private final int port;
  private final String password;
  private final TestNetwork.Host host;
  private final boolean durableCommits;

  private PostgresServer(
      Path bin,
      Path data,
      boolean asPostgres,
      int port,
      String password,
      TestNetwork.Host host,
      boolean durableCommits) {
    this.durableCommits = durableCommits;
    this.bin = bin;
    this.data = data;
    this.asPostgres = asPostgres;
    this.port = port;
    this.password = password;
    this.host = host;
  }

  /** The server of this JVM, started at the first call; stopped when the JVM exits. */
  public static synchronized PostgresServer shared() {
    if (shared == null) {
      shared = start();
      PostgresServer server = shared;
      Runtime.getRuntime().addShutdownHook(new Thread(server::close, "postgres-stop"));
    }
    return shared;
  }

  /** Starts a new server on a free loopback port. */
  public static PostgresServer start() {
    return start(null, false);
  }

  /**
   * Starts a new server in {@code host}'s network namespace, listening on its address (loopback
   * when {@code host} is null), taking password logins from anywhere it can be reached. With {@code
   * durableCommits}, a commit is in the write-ahead log before the client hears of it, as in
   * production ({@code synchronous_commit} on): a test that crashes the server ({@link #kill}) and
   * checks that nothing acknowledged was lost needs it; otherwise the last few hundred milliseconds
   * of commits may vanish in a crash.
   */
  public static PostgresServer start(TestNetwork.Host host, boolean durableCommits) {
    Path bin = binaries();
    boolean root = "root".equals(System.getProperty("user.name"));
    IOException last = null;
    for (int tries = 0; tries < 3; tries++) {
      Path data = null;
      try {
        data = Files.createTempDirectory("delegate-pg");
        String password = "pg-" + Long.toHexString(System.nanoTime());
        PostgresServer server =
            new PostgresServer(bin, data, root, freePort(), password, host, durableCommits);
        server.initdb();
        server.pgCtl(
            "start",
            "-w",
            "-t",
            "60",
            "-l",
            data.resolve("log").toString(),
            "-o",
            server.options());
        server.watchThisJvm();
        return server;
      } catch (IOException e) {
        last = e;
        if (data != null) {
          deleteQuietly(data);
        }
      }
    }
    throw new UncheckedIOException("could not start PostgreSQL", last);
  }

  /** {@code jdbc:postgresql://127.0.0.1:<port>/postgres}, without a password. */
  public String url() {
    return url("postgres");
  }

  public String password() {
    return password;
  }

  public int port() {
    return port;
  }

  /** {@code jdbc:postgresql://127.0.0.1:<port>/<database>}, without a password. */
  public String url(String database) {
    return "jdbc:postgresql://" + address() + ":" + port + "/" + database;
  }

  /** Where it listens: 127.0.0.1, or its test host's address. */
  public String address() {
    return host == null ? "127.0.0.1" : host.address();
  }

  /** A new, empty database; its JDBC URL. */
  public String newDatabase() {
    return newDatabase(null);
  }

  /**
   * A new database copied from {@code template} (a database nobody is connected to, e.g. one
   * holding a migrated schema), or empty when {@code template} is null; its JDBC URL. A file copy
   * takes a few milliseconds, far less than migrating each test's database.
   */
  public String newDatabase(String template) {
    String name = "t" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
    execute(
        "CREATE DATABASE "
            + name
            + (template == null ? "" : " TEMPLATE " + template + " STRATEGY FILE_COPY"));
    return url(name);
  }

  /** Runs one statement as the superuser, in the {@code postgres} database. */
  public void execute(String sql) {
    try (Connection c = DriverManager.getConnection(url(), USER, password);
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("PostgreSQL refused: " + sql + ": " + e.getMessage(), e);
    }
  }

  /** Stops the server at once, as a crash would; {@link #restart} brings it back. */
  public void kill() throws IOException {
    pgCtl("stop", "-m", "immediate", "-w");
  }

  /** Starts the server again on the same port and data. */
  public void restart() throws IOException {
    pgCtl("start", "-w", "-t", "60", "-l", data.resolve("log").toString(), "-o", options());
  }

  @Override
  public void close() {
    try {
      pgCtl("stop", "-m", "immediate", "-w");
    } catch (IOException | RuntimeException e) {
      // already stopped, or the JVM is going
    }
    deleteQuietly(data);
  }

  /**
   * A shell that stops the server and removes its folder once this JVM is gone, however it went (a
   * test run killed with {@code kill -9} leaves no server behind).
   */
  private void watchThisJvm() throws IOException {
    List<String> stop =
        command(
            bin.resolve("pg_ctl").toString(),
            "-D",
            data.resolve("cluster").toString(),
            "-m",
            "immediate",
            "stop");
    String script =
        "while kill -0 "
            + ProcessHandle.current().pid()
            + " 2>/dev/null; do sleep 1; done; "
            + String.join(" ", stop)
            + " >/dev/null 2>&1; rm -rf '"
            + data
            + "'";
    new ProcessBuilder("setsid", "sh", "-c", script)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
        .start();
  }

  private String options() {
    return String.join(
        " ",
        "-p " + port,
        "-c listen_addresses=" + address(),
        "-c unix_socket_directories=" + data,
        "-c fsync=off",
        "-c synchronous_commit=" + (durableCommits ? "on" : "off"),
        "-c full_page_writes=off",
        "-c max_connections=300");
  }

  private void initdb() throws IOException {
    Path pwfile = data.resolve("pwfile");
    Files.writeString(pwfile, password + "\n", StandardCharsets.UTF_8);
    Path cluster = data.resolve("cluster");
    if (asPostgres) {
      run(List.of("chown", "-R", "postgres:postgres", data.toString()));
    }
    run(
        command(
            bin.resolve("initdb").toString(),
            "-D",
            cluster.toString(),
            "-U",
            USER,
            "--pwfile=" + pwfile,
            "--auth-local=trust",
            "--auth-host=scram-sha-256",
            "-E",
            "UTF8",
            "--locale=C",
            "--no-sync"));
    if (host != null) {
      Files.writeString(
          cluster.resolve("pg_hba.conf"),
          "host all all 0.0.0.0/0 scram-sha-256\n",
          StandardCharsets.UTF_8,
          java.nio.file.StandardOpenOption.APPEND);
    }
    Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));
    if (asPostgres) {
      run(List.of("chown", "-R", "postgres:postgres", data.toString()));
    }
  }

  private void pgCtl(String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(bin.resolve("pg_ctl").toString());
    cmd.add("-D");
    cmd.add(data.resolve("cluster").toString());
    cmd.addAll(List.of(args));
    List<String> command = command(cmd.toArray(String[]::new));
    run(host == null ? command : host.command(command));
  }

  private List<String> command(String... args) {
    List<String> cmd = new ArrayList<>();
    if (asPostgres) {
      cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    cmd.addAll(List.of(args));
    return cmd;
  }

  private void run(List<String> cmd) throws IOException {
    Process process =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException(String.join(" ", cmd) + " did not finish in 120 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    if (process.exitValue() != 0) {
      String log = "";
      Path file = data.resolve("log");
      if (Files.exists(file)) {
        log = "\nserver log:\n" + Files.readString(file, StandardCharsets.UTF_8);
      }
      throw new IOException(
          String.join(" ", cmd) + " exited with " + process.exitValue() + ":\n" + output + log);
    }
  }

  /** The newest {@code /usr/lib/postgresql/<version>/bin} with {@code initdb}. */
  private static Path binaries() {
    Path root = Path.of("/usr/lib/postgresql");
    try (Stream<Path> versions = Files.list(root)) {
      return versions
          .filter(v -> Files.isExecutable(v.resolve("bin/initdb")))
          .max(Comparator.comparingInt(PostgresServer::major))
          .map(v -> v.resolve("bin"))
          .orElseThrow(PostgresServer::missing);
    } catch (IOException e) {
      throw missing();
    }
  }

  private static int major(Path version) {
    try {
      return Integer.parseInt(version.getFileName().toString());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static IllegalStateException missing() {
    return new IllegalStateException(
        "PostgreSQL is not installed (no /usr/lib/postgresql/<version>/bin/initdb);"
            + " bin/test installs it with bin/lib/install-postgres.sh");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // a temp folder left behind
    }
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "PostgreSQL on %s:%d (%s)", address(), port, data);
  }
}
