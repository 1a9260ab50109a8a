package dev.delegate.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {
  @Test
  void should_sign_like_github_does() {
    // GitHub's documented example for X-Hub-Signature-256 ("Validating webhook deliveries")
    byte[] body = "Hello, World!".getBytes(StandardCharsets.UTF_8);

    assertThat(WebhookSignature.of(body, "It's a Secret to Everybody"))
        .isEqualTo("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17");
    assertThat(Receiver.verify(body, WebhookSignature.of(body, "secret"), "secret")).isTrue();
    assertThat(Receiver.verify(body, WebhookSignature.of(body, "secret"), "other")).isFalse();
  }
}
