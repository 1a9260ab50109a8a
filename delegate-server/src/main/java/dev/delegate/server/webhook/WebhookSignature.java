package dev.delegate.server.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code X-Delegate-Signature-256}, as GitHub signs its webhooks: {@code sha256=} and the hex
 * HMAC-SHA256 of the exact body bytes, keyed by the secret.
 */
public final class WebhookSignature {
  public static final String HEADER = "X-Delegate-Signature-256";

  private WebhookSignature() {}

  public static String of(byte[] body, String secret) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("bug: HmacSHA256 is part of every JDK", e);
    }
  }
}
