package dev.delegate.server.config;

import dev.delegate.git.cli.Redaction;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * An option whose value is where another node answers, {@code http(s)://host[:port]}: no
 * credentials (the node's token is what it sends), no query or fragment. A mistake is a {@link
 * ConfigException} naming the option, with anything that looks like a credential taken out.
 */
final class HttpUrlOption {
  private HttpUrlOption() {}

  static URI parse(String option, String text, String what) {
    try {
      return check(option, new URI(text.strip()), what);
    } catch (URISyntaxException e) {
      throw new ConfigException(
          option + " is not a URL: " + Redaction.basic().apply(e.getMessage()));
    }
  }

  static URI check(String option, URI url, String what) {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if ((!scheme.equals("http") && !scheme.equals("https"))
        || url.getHost() == null
        || url.getRawUserInfo() != null
        || url.getRawQuery() != null
        || url.getRawFragment() != null) {
      throw new ConfigException(
          option
              + " must be http(s)://host[:port] "
              + what
              + ", without credentials, query or fragment; was '"
              + Redaction.basic().apply(url.toString())
              + "'");
    }
    return url;
  }
}
