package dev.delegate.server.followup;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * GitHub's webhook signature: {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body>}
 * keyed by the webhook's secret, compared in constant time.
 */
final class WebhookSignature {
  static final String HEADER = "X-Hub-Signature-256";
  private static final String PREFIX = "sha256=";

  private final byte[] key;

  WebhookSignature(String secret) {
    this.key = secret.getBytes(StandardCharsets.UTF_8);
  }

  /** The header's value for {@code body}. */
  String sign(byte[] body) {
    try {
      Mac hmac = Mac.getInstance("HmacSHA256");
      hmac.init(new SecretKeySpec(key, "HmacSHA256"));
      return PREFIX + HexFormat.of().formatHex(hmac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  /** Whether {@code header} (may be null) is the signature of {@code body}. */
  boolean matches(String header, byte[] body) {
    if (header == null || !header.startsWith(PREFIX)) {
      return false;
    }
    byte[] expected = sign(body).getBytes(StandardCharsets.US_ASCII);
    byte[] given =
        header.strip().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, given);
  }
}
