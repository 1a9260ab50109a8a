package dev.delegate.server.processor;

import com.fasterxml.jackson.databind.JsonNode;
import dev.delegate.server.http.Http;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Calls the processor's HTTP API the way a client would. */
record ProcessorClient(int port) {
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

  JsonNode job(String id) throws Exception {
    return Http.JSON.readTree(get("/api/jobs/" + id).body());
  }

  String state(String id) throws Exception {
    return job(id).get("state").asText();
  }

  JsonNode processPr(int number, String branch, String taskDetails) throws Exception {
    HttpResponse<String> response =
        post(
            "/api/process-pr",
            """
        {"prNumber":%d,"branch":"%s","repo":"sample-app","owner":"local","taskDetails":"%s"}
        """
                .formatted(number, branch, taskDetails));
    if (response.statusCode() != 202) {
      throw new AssertionError(
          "process-pr answered " + response.statusCode() + ": " + response.body());
    }
    return Http.JSON.readTree(response.body());
  }
}
