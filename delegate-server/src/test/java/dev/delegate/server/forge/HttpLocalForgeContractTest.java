package dev.delegate.server.forge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.delegate.core.TransientException;
import dev.delegate.core.forge.Forge;
import dev.delegate.core.forge.PullRequest;
import dev.delegate.core.forge.RepoRef;
import dev.delegate.git.cli.GitCommand;
import dev.delegate.git.local.HttpLocalForge;
import dev.delegate.git.local.LocalForgeConfig;
import dev.delegate.testkit.contract.ForgeContract;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The forge contract for {@link HttpLocalForge}: a node with a data directory of its own, reaching
 * a real API node's local forge only over HTTP ({@code git http-backend} behind the API port, with
 * a token); pull requests in the store both share.
 */
class HttpLocalForgeContractTest extends ForgeContract {
  @TempDir static Path serving;
  static ForgeNode node;

  @TempDir Path worker;
  RepoRef repo;
  HttpLocalForge forge;

  @BeforeAll
  static void startNode() {
    node = ForgeNode.start(serving);
  }

  @AfterAll
  static void stopNode() {
    if (node != null) {
      node.close();
    }
  }

  @BeforeEach
  void setUp() {
    repo = node.newRepository();
    forge = node.remoteForge(worker, Optional.of(ForgeNode.TOKEN));
  }

  @Override
  protected Forge forge() {
    return forge;
  }

  @Override
  protected RepoRef repo() {
    return repo;
  }

  @Override
  protected Optional<String> readFile(String branch, String path) {
    var result =
        node.git()
            .tryExec(
                GitCommand.in(
                    node.local().repositoryPath(repo),
                    "show",
                    "refs/heads/" + branch + ":" + path));
    return result.ok() ? Optional.of(result.stdout()) : Optional.empty();
  }

  @Test
  void should_keep_no_forge_of_its_own_and_link_pull_requests_to_the_serving_node() {
    forge.createBranch(repo, "feature/link", "main");
    forge.putFile(repo, "feature/link", "TASK.md", "# link\n", "feat: link");
    PullRequest pr = forge.createPullRequest(repo, "Link", "", "feature/link", "main");

    assertThat(pr.url()).isEqualTo(node.url() + "/prs/" + repo.fullName() + "/" + pr.number());
    assertThat(node.local().pullRequest(repo, pr.number())).contains(pr);
    assertThat(Files.exists(worker.resolve("forge"))).isFalse();
    assertThat(node.local().branchHead(repo, "feature/link"))
        .isEqualTo(forge.branchHead(repo, "feature/link"));
  }

  @Test
  void should_fail_transiently_without_the_token_in_the_message_when_the_node_is_unreachable()
      throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = socket.getLocalPort();
    }
    HttpLocalForge unreachable =
        new HttpLocalForge(
            URI.create("http://127.0.0.1:" + closed),
            Optional.of(ForgeNode.TOKEN),
            worker,
            node.git(),
            node.pullRequests(),
            LocalForgeConfig.DEFAULT);

    assertThatThrownBy(() -> unreachable.branchHead(repo, "main"))
        .isInstanceOf(TransientException.class)
        .hasMessageNotContaining(ForgeNode.TOKEN);
    assertThatThrownBy(() -> unreachable.putFile(repo, "main", "a.txt", "a", "m"))
        .isInstanceOf(TransientException.class)
        .hasMessageNotContaining(ForgeNode.TOKEN);
  }

  @Test
  void should_give_git_a_remote_whose_token_is_in_the_environment_only(@TempDir Path clone) {
    var remote = forge.remote(repo);
    assertThat(remote.url()).isEqualTo(node.url() + "/git/" + repo.fullName() + ".git");
    assertThat(remote.url() + remote).doesNotContain(ForgeNode.TOKEN);

    node.git()
        .exec(
            GitCommand.in(clone, "clone", "--quiet", remote.url(), "app")
                .env(remote.environment()));

    assertThat(clone.resolve("app/README.md")).hasContent("# " + repo.name());
  }
}
