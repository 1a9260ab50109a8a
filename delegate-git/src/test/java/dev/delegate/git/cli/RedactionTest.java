package dev.delegate.git.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedactionTest {

  @Test
  void should_remove_user_info_from_urls() {
    assertThat(
            Redaction.basic()
                .apply("fatal: unable to access 'https://user:pa55word@github.com/o/r.git/'"))
        .isEqualTo("fatal: unable to access 'https://***@github.com/o/r.git/'");
    assertThat(Redaction.basic().apply("https://ghp_token@example.com/x"))
        .isEqualTo("https://***@example.com/x");
    assertThat(Redaction.basic().apply("https://github.com/o/r.git"))
        .isEqualTo("https://github.com/o/r.git");
  }

  @Test
  void should_remove_authorization_header_values() {
    assertThat(Redaction.basic().apply("> Authorization: Bearer ghp_abc\n< HTTP/1.1 401"))
        .isEqualTo("> Authorization: ***\n< HTTP/1.1 401");
    assertThat(Redaction.basic().apply("http.extraHeader=authorization: Basic eA=="))
        .isEqualTo("http.extraHeader=authorization: ***");
  }

  @Test
  void should_remove_secret_environment_values_and_their_parts() {
    String token = "ghp_0123456789abcdef";
    String basic = Base64.getEncoder().encodeToString(("x-access-token:" + token).getBytes());
    Redaction redaction =
        Redaction.forEnvironment(
            Map.of(
                "GIT_CONFIG_VALUE_0",
                "Authorization: Basic " + basic,
                "GITHUB_TOKEN",
                token,
                "HOME",
                "/home/someone-long-enough"));
    assertThat(redaction.apply("got " + basic + " and " + token + " in /home/someone-long-enough"))
        .isEqualTo("got *** and *** in /home/someone-long-enough");
  }
}
