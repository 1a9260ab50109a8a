package dev.delegate.git.workspace;

import static dev.delegate.git.workspace.Fixture.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.delegate.core.PermanentException;
import dev.delegate.core.forge.GitRemote;
import dev.delegate.core.workspace.Workspace;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Workspaces against a remote that is not on this machine's disk as far as they can tell: the
 * forge's repositories served by a real {@code git daemon} on loopback (the git protocol, as a
 * network forge is reached), so fetch and push go through the git CLI, not the in-process copy.
 */
class RemoteOverNetworkTest {
  @TempDir Path data;
  Fixture f;
  Process daemon;
  GitRemote remote;
  String branch;

  @BeforeEach
  void setUp() throws Exception {
    f = new Fixture(data);
    branch = f.branch("feature/over-the-network-1");
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    daemon =
        new ProcessBuilder(
                "git",
                "daemon",
                "--reuseaddr",
                "--export-all",
                "--enable=receive-pack",
                "--informative-errors",
                "--listen=127.0.0.1",
                "--port=" + port,
                "--base-path=" + data.resolve("forge"),
                data.resolve("forge").toString())
            .redirectErrorStream(true)
            .redirectOutput(data.resolve("daemon.log").toFile())
            .start();
    int listening = port;
    await().atMost(Duration.ofSeconds(20)).until(() -> accepts(listening));
    remote = new GitRemote("git://127.0.0.1:" + port + "/acme/app.git", Map.of());
  }

  @AfterEach
  void stop() {
    daemon.destroyForcibly();
  }

  private static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private Workspace prepare(String name, int worker) {
    return f.workspaces.prepare(f.repo, remote, name, f.worker(worker));
  }

  @Test
  void should_fetch_commit_and_push_over_the_git_protocol() {
    Workspace ws = prepare(branch, 1);
    write(ws.directory(), "net.txt", "over the network\n");
    String commit = f.commit(ws, "feat: net", Map.of("Delegate-Job", "net-1")).orElseThrow();

    PushResult pushed = f.workspaces.pushResult(ws, commit, "net-1");

    assertThat(pushed).isEqualTo(new PushResult(commit, true, false));
    assertThat(f.remoteHead(branch)).isEqualTo(commit);
    assertThat(f.workspaces.findPushedCommit(f.repo, remote, branch, "Delegate-Job", "net-1"))
        .contains(commit);
    Workspace next = prepare(f.branch("feature/over-the-network-2"), 1);
    assertThat(next.directory().resolve("net.txt")).doesNotExist();
  }

  @Test
  void should_replay_onto_a_branch_that_moved_and_push_again() {
    Workspace ws = prepare(branch, 1);
    write(ws.directory(), "ours.txt", "ours\n");
    String ours = f.commit(ws, "feat: ours", Map.of("Delegate-Job", "net-2")).orElseThrow();
    String theirs = f.forge.putFile(f.repo, branch, "theirs.txt", "theirs\n", "someone else");

    PushResult pushed = f.workspaces.pushResult(ws, ours, "net-2");

    assertThat(pushed.rebased()).isTrue();
    assertThat(f.remoteHead(branch)).isEqualTo(pushed.commit());
    assertThat(f.remoteFile(branch, "ours.txt")).contains("ours\n");
    assertThat(f.remoteFile(branch, "theirs.txt")).contains("theirs\n");
    assertThat(f.git.run(f.cache(), "rev-parse", pushed.commit() + "^").strip()).isEqualTo(theirs);
  }

  @Test
  void should_keep_conflicting_work_on_a_recovery_ref_of_the_remote() {
    Workspace ws = prepare(branch, 1);
    write(ws.directory(), "README.md", "ours\n");
    String ours = f.commit(ws, "feat: ours", Map.of("Delegate-Job", "net-3")).orElseThrow();
    f.forge.putFile(f.repo, branch, "README.md", "theirs\n", "someone else");

    assertThatThrownBy(() -> f.workspaces.push(ws, ours, "net-3"))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("refs/delegate/recovery/net-3");
    assertThat(f.remoteFile("refs/delegate/recovery/net-3", "README.md")).contains("ours\n");
  }
}
