package dev.delegate.git.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.delegate.core.forge.Forge;
import dev.delegate.core.forge.RepoRef;
import dev.delegate.testkit.contract.ForgeContract;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The forge contract against a stateful fake of GitHub's REST API behind WireMock. */
class GitHubForgeContractTest extends ForgeContract {
  final RepoRef repo = new RepoRef("octocat", "Hello-World");
  FakeGitHub github;
  WireMockServer server;
  GitHubForge forge;

  @BeforeEach
  void setUp() {
    github = new FakeGitHub(GitHubStubs.TOKEN);
    github.addRepository(repo.owner(), repo.name(), Map.of("README.md", "Hello World\n"));
    server = new WireMockServer(wireMockConfig().dynamicPort().extensions(github));
    server.start();
    server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(500)));
    forge = new GitHubStubs().forge(server.baseUrl());
  }

  @AfterEach
  void tearDown() {
    server.stop();
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
    return github.file(repo.fullName(), branch, path);
  }
}
