package dev.delegate.server.delegation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.delegate.server.http.Http;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Calls the delegation API the way a client would, with the server's token when it has one. */
record Api(int port, String token) {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  Api(int port) {
    this(port, null);
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    return token == null ? request : request.header("Authorization", "Bearer " + token);
  }

  HttpResponse<String> post(String path, String json) throws Exception {
    return CLIENT.send(
        request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> get(String path) throws Exception {
    return CLIENT.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  JsonNode json(String path) throws Exception {
    return Http.JSON.readTree(get(path).body());
  }

  String state(String jobId) throws Exception {
    return json("/api/jobs/" + jobId).path("state").asText();
  }
}
