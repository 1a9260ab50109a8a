package dev.delegate.git.github;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.delegate.core.PermanentException;
import dev.delegate.core.TransientException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends GitHub REST calls: GitHub's headers, JSON bodies, bounded waits on rate limits, and 5xx or
 * network failures as {@link TransientException}. Other answers go back to the caller, which maps
 * them with {@link #expect}. The token goes only into the Authorization header of requests to the
 * API base URL; it is never logged. Without a token (blank) requests go unauthenticated.
 */
final class GitHubApi {
  private static final Logger log = LoggerFactory.getLogger(GitHubApi.class);
  private static final int MAX_RATE_LIMIT_WAITS = 3;
  private static final int MAX_REDIRECTS = 3;

  record Response(int status, JsonNode body, HttpHeaders headers) {}

  private final GitHubConfig config;
  private final String token;
  private final HttpClient http;
  private final Clock clock;
  private final Sleeper sleeper;
  private final ObjectMapper json = new ObjectMapper();

  GitHubApi(GitHubConfig config, String token, HttpClient http, Clock clock, Sleeper sleeper) {
    this.config = config;
    this.token = token;
    this.http = http;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  ObjectMapper json() {
    return json;
  }

  Response get(String path) {
    return send("GET", path, null);
  }

  /** Sends a call to {@code path} (below the API base URL, with any query). */
  Response send(String method, String path, Object body) {
    URI uri = URI.create(config.apiBaseUrl() + path);
    int redirects = 0;
    int waits = 0;
    while (true) {
      Response response = exchange(method, uri, body);
      int status = response.status();
      var wait =
          RateLimit.waitFor(
              status, response.headers(), GitHubErrors.message(response.body()), clock);
      if (wait.isPresent()) {
        if (wait.get().compareTo(config.maxRateLimitWait()) > 0 || waits >= MAX_RATE_LIMIT_WAITS) {
          Instant retryAt = clock.instant().plus(wait.get());
          throw new TransientException(
              "GitHub rate limit reached for "
                  + method
                  + " "
                  + path
                  + " ("
                  + GitHubErrors.detail(status, response.body())
                  + "); retry after "
                  + retryAt);
        }
        waits++;
        pause(wait.get());
        continue;
      }
      if (status >= 500) {
        throw GitHubErrors.toException(method + " " + path, status, response.body());
      }
      if (isRedirect(status) && redirects++ < MAX_REDIRECTS) {
        uri = sameApiLocation(response.headers(), method, path);
        continue;
      }
      return response;
    }
  }

  /** {@code response} when its status is one of {@code ok}, otherwise the matching exception. */
  Response expect(Response response, String what, int... ok) {
    if (Arrays.stream(ok).anyMatch(s -> s == response.status())) {
      return response;
    }
    throw GitHubErrors.toException(what, response.status(), response.body());
  }

  private Response exchange(String method, URI uri, Object body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(config.requestTimeout())
            .header("Accept", "application/vnd.github+json")
            .header("X-GitHub-Api-Version", "2022-11-28")
            .header("User-Agent", config.userAgent());
    if (!token.isBlank()) {
      request.header("Authorization", "Bearer " + token);
    }
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", "application/json");
      request.method(method, HttpRequest.BodyPublishers.ofString(write(body)));
    }
    long started = System.nanoTime();
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      log.debug(
          "GitHub {} {} -> {} in {} ms",
          method,
          uri.getRawPath(),
          response.statusCode(),
          (System.nanoTime() - started) / 1_000_000);
      return new Response(response.statusCode(), parse(response.body()), response.headers());
    } catch (IOException e) {
      throw new TransientException(
          "could not reach GitHub at "
              + config.apiBaseUrl()
              + " for "
              + method
              + " "
              + uri.getRawPath()
              + ": "
              + e,
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransientException("interrupted while calling GitHub", e);
    }
  }

  /**
   * A plain-text answer of {@code path} (a job's log): 200's body, or, after a redirect to a signed
   * download address, that address's body, fetched without the token. Empty on 404 or 410.
   */
  java.util.Optional<String> text(String path) {
    URI uri = URI.create(config.apiBaseUrl() + path);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(config.requestTimeout())
            .header("X-GitHub-Api-Version", "2022-11-28")
            .header("User-Agent", config.userAgent());
    if (!token.isBlank()) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      HttpResponse<String> response =
          http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
      if (isRedirect(response.statusCode())) {
        URI download = URI.create(response.headers().firstValue("location").orElse(""));
        response =
            http.send(
                HttpRequest.newBuilder(download).timeout(config.requestTimeout()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
      }
      int status = response.statusCode();
      if (status == 404 || status == 410) {
        return java.util.Optional.empty();
      }
      if (status != 200) {
        throw GitHubErrors.toException("GET " + path, status, parse(response.body()));
      }
      return java.util.Optional.of(response.body());
    } catch (IOException | IllegalArgumentException e) {
      throw new TransientException("could not read " + path + " from GitHub: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransientException("interrupted while calling GitHub", e);
    }
  }

  private URI sameApiLocation(HttpHeaders headers, String method, String path) {
    String location = headers.firstValue("location").orElse("");
    if (!location.startsWith(config.apiBaseUrl() + "/")) {
      throw new PermanentException(
          "GitHub redirected "
              + method
              + " "
              + path
              + " to "
              + location
              + ", outside the API base URL; the repository may have moved");
    }
    return URI.create(location);
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 307 || status == 308;
  }

  private void pause(Duration wait) {
    log.info("GitHub rate limit reached; waiting {} s", wait.toSeconds());
    try {
      sleeper.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransientException("interrupted while waiting for GitHub's rate limit", e);
    }
  }

  private String write(Object body) {
    try {
      return json.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("bug: request body cannot be written as JSON", e);
    }
  }

  private JsonNode parse(String text) {
    if (text == null || text.isBlank()) {
      return MissingNode.getInstance();
    }
    try {
      return json.readTree(text);
    } catch (JsonProcessingException e) {
      return MissingNode.getInstance(); // an HTML error page from a proxy, for example
    }
  }
}
