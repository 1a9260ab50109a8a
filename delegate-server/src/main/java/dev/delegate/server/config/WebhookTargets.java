package dev.delegate.server.config;

import dev.delegate.git.cli.Redaction;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which webhook URLs Delegate POSTs to: {@code http(s)} without credentials, and, unless allowed,
 * none whose host is a link-local address ({@code 169.254.0.0/16}, {@code fe80::/10}) or a cloud
 * metadata service, where a request from this machine could read its credentials. Checked at start
 * and again before every try (a name may resolve elsewhere later).
 */
public final class WebhookTargets {
  private static final Set<String> METADATA_HOSTS =
      Set.of("metadata.google.internal", "metadata.goog", "metadata");
  private static final Set<String> METADATA_ADDRESSES =
      Set.of("169.254.169.254", "100.100.100.200", "fd00:ec2:0:0:0:0:0:254");

  private WebhookTargets() {}

  static URI parse(String text) {
    try {
      URI url = new URI(text.strip());
      checkForm(url);
      return url;
    } catch (URISyntaxException e) {
      throw new ConfigException(
          "--webhook-url is not a URL: " + Redaction.basic().apply(e.getMessage()));
    }
  }

  static void check(URI url, boolean allowLinkLocal) {
    checkForm(url);
    if (!allowLinkLocal) {
      refusal(url)
          .ifPresent(
              why -> {
                throw new ConfigException(
                    "--webhook-url "
                        + shown(url)
                        + " "
                        + why
                        + "; add --webhook-allow-link-local if it is meant");
              });
    }
  }

  /**
   * Why {@code url} is refused as a target, or empty when it is not: a metadata host name, or a
   * name that resolves to a link-local or metadata address. A name that does not resolve now is not
   * refused (its try will fail and be retried).
   */
  public static Optional<String> refusal(URI url) {
    String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    if (METADATA_HOSTS.contains(host)) {
      return Optional.of("is a cloud metadata service");
    }
    try {
      for (InetAddress address : InetAddress.getAllByName(host)) {
        if (METADATA_ADDRESSES.contains(address.getHostAddress())) {
          return Optional.of(
              "points at a cloud metadata address (" + address.getHostAddress() + ")");
        }
        if (address.isLinkLocalAddress()) {
          return Optional.of("points at a link-local address (" + address.getHostAddress() + ")");
        }
      }
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  /** The URL as logs and answers show it: scheme, host, port and path, no query. */
  public static String shown(URI url) {
    return url.getScheme()
        + "://"
        + url.getHost()
        + (url.getPort() == -1 ? "" : ":" + url.getPort())
        + (url.getRawPath() == null ? "" : url.getRawPath());
  }

  private static void checkForm(URI url) {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if ((!scheme.equals("http") && !scheme.equals("https"))
        || url.getHost() == null
        || url.getRawUserInfo() != null
        || url.getRawFragment() != null
        || url.toString().length() > 2000) {
      throw new ConfigException(
          "--webhook-url must be an http(s)://host[:port]/path URL without credentials or"
              + " fragment, at most 2000 characters; was '"
              + Redaction.basic().apply(url.toString())
              + "'");
    }
  }
}
