package dev.delegate.testkit.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.delegate.testkit.postgres.PostgresServer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TestNetworkTest {
  @BeforeEach
  void needsRoot() {
    Assumptions.assumeTrue(TestNetwork.available(), "needs root and iproute2");
  }

  @Test
  void should_let_hosts_and_this_jvm_reach_a_server_by_address_and_nothing_by_loopback()
      throws Exception {
    try (TestNetwork network = TestNetwork.create(List.of("db", "app"));
        PostgresServer postgres = PostgresServer.start(network.host("db"), true)) {
      TestNetwork.Host db = network.host("db");
      TestNetwork.Host app = network.host("app");
      assertThat(db.address()).isNotEqualTo(app.address());
      assertThat(postgres.url()).contains("//" + db.address() + ":");

      // another host reaches it by address, but its own loopback is its own
      assertThat(connects(app, db.address(), postgres.port())).isTrue();
      assertThat(connects(app, "127.0.0.1", postgres.port())).isFalse();
      assertThat(connects(db, "127.0.0.1", postgres.port())).isFalse();

      // this JVM reaches it through its own leg of the network
      String url = postgres.newDatabase();
      try (Connection c =
              DriverManager.getConnection(url, PostgresServer.USER, postgres.password());
          ResultSet rs = c.createStatement().executeQuery("SELECT host(inet_server_addr())")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo(db.address());
      }
      postgres.kill();
      assertThat(connects(app, db.address(), postgres.port())).isFalse();
      postgres.restart();
      try (Connection c =
          DriverManager.getConnection(url, PostgresServer.USER, postgres.password())) {
        assertThat(c.isValid(5)).isTrue();
      }
    }
  }

  @Test
  void should_remove_its_namespaces_when_closed() throws Exception {
    String space;
    try (TestNetwork network = TestNetwork.create(List.of("gone"))) {
      space = network.host("gone").namespace();
      assertThat(namespaces()).contains(space);
    }
    assertThat(namespaces()).doesNotContain(space);
  }

  private static String namespaces() throws Exception {
    return output(List.of("ip", "netns", "list"));
  }

  /** Whether a TCP connection from {@code host} to {@code address:port} is accepted. */
  private static boolean connects(TestNetwork.Host host, String address, int port)
      throws Exception {
    String script =
        "timeout 5 bash -c 'exec 3<>/dev/tcp/" + address + "/" + port + "' && echo open";
    return output(host.command(List.of("bash", "-c", script))).contains("open");
  }

  private static String output(List<String> command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return out;
  }
}
