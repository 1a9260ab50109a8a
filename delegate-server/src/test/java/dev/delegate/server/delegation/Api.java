package dev.delegate.server.delegation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.delegate.server.http.Http;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Calls the delegation API the way a client would. */
record Api(int port) {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  HttpResponse<String> post(String path, String json) throws Exception {
    return CLIENT.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> get(String path) throws Exception {
    return CLIENT.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  JsonNode json(String path) throws Exception {
    return Http.JSON.readTree(get(path).body());
  }

  String state(String jobId) throws Exception {
    return json("/api/jobs/" + jobId).path("state").asText();
  }
}
