package dev.delegate.testkit.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ModelServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private ModelServer model;

  @AfterEach
  void stop() {
    model.close();
  }

  private HttpResponse<String> post(String path, String body, String key) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(model.baseUrl() + path))
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (key != null) {
      request.header("x-api-key", key);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String anthropic(boolean stream, String... turns) {
    StringBuilder messages = new StringBuilder();
    for (int i = 0; i < turns.length; i++) {
      if (i > 0) {
        messages.append(',');
      }
      String role = i % 2 == 0 ? "user" : "assistant";
      messages.append("{\"role\":\"%s\",\"content\":\"%s\"}".formatted(role, turns[i]));
    }
    return """
        {"model":"m","stream":%s,"tools":[{"name":"Write"},{"name":"Bash"}],
         "system":"Primary working directory: /w","messages":[%s]}"""
        .formatted(stream, messages);
  }

  @Test
  void should_stream_a_tool_use_then_text_by_the_answers_already_in_the_conversation()
      throws Exception {
    model = ModelServer.start(Scenario.builder().writeFile("a.txt", "A\n").text("done").build());

    HttpResponse<String> first =
        post("/v1/messages?beta=true", anthropic(true, "go"), model.apiKey());
    assertThat(first.headers().firstValue("content-type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
    assertThat(first.body())
        .contains("event: message_start", "event: content_block_start", "\"type\":\"tool_use\"")
        .contains(
            "\"partial_json\":\"{\\\"file_path\\\":\\\"/w/a.txt\\\"",
            "\"stop_reason\":\"tool_use\"")
        .contains("event: message_stop");
    HttpResponse<String> retried = post("/v1/messages", anthropic(false, "go"), model.apiKey());
    assertThat(JSON.readTree(retried.body()).at("/content/0/name").asText()).isEqualTo("Write");
    HttpResponse<String> second = post("/v1/messages", anthropic(false, "go", "x", "result"), null);
    assertThat(JSON.readTree(second.body()).at("/content/0/text").asText()).isEqualTo("done");

    List<RecordedRequest> requests = model.requests();
    assertThat(requests).hasSize(3);
    assertThat(requests.get(0).keyMatched()).isTrue();
    assertThat(requests.get(2).keyMatched()).isFalse();
    assertThat(requests).allSatisfy(r -> assertThat(r.headers()).doesNotContainKey("x-api-key"));
    assertThat(requests.get(0).query()).isEqualTo("beta=true");
  }

  @Test
  void should_ask_a_question_then_continue_with_the_answer() throws Exception {
    model =
        ModelServer.start(
            Scenario.builder()
                .question("Which name should the file have?")
                .then(c -> Step.writeFile(c.lastUserText() + ".txt", "named\n"))
                .text("done")
                .build());

    JsonNode question =
        JSON.readTree(post("/v1/messages", anthropic(false, "make a file"), null).body());
    assertThat(question.at("/content/0/text").asText()).endsWith("?");
    JsonNode write =
        JSON.readTree(
            post("/v1/messages", anthropic(false, "make a file", "Which name?", "notes"), null)
                .body());
    assertThat(write.at("/content/0/input/file_path").asText()).isEqualTo("/w/notes.txt");
  }

  @Test
  void should_answer_side_requests_and_count_tokens_without_playing_a_step() throws Exception {
    model = ModelServer.start(Scenario.builder().text("step").build());

    JsonNode title =
        JSON.readTree(
            post(
                    "/v1/messages",
                    "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"title?\"}]}",
                    null)
                .body());
    assertThat(title.at("/content/0/text").asText()).isEqualTo(ModelServer.SIDE_ANSWER);
    assertThat(
            JSON.readTree(post("/v1/messages/count_tokens", "{}", null).body()).has("input_tokens"))
        .isTrue();
    assertThat(post("/anything", "", null).statusCode()).isEqualTo(200);
    assertThat(model.stepRequests()).isEmpty();
  }

  @Test
  void should_stream_responses_with_an_escalated_exec_command_call() throws Exception {
    model = ModelServer.start(Scenario.builder().shell("touch x").text("done").build());
    String body =
        """
        {"model":"m","stream":true,"tools":[{"type":"function","name":"exec_command"}],
         "input":[{"type":"message","role":"user","content":[{"type":"input_text","text":"<environment_context><cwd>/w</cwd></environment_context>"}]},
                  {"type":"message","role":"user","content":[{"type":"input_text","text":"go"}]}]}""";

    String events = post("/v1/responses", body, null).body();

    assertThat(events)
        .contains("event: response.created", "event: response.output_item.added")
        .contains("\"type\":\"function_call\"", "\"name\":\"exec_command\"", "require_escalated")
        .contains("event: response.output_item.done", "event: response.completed");
    Conversation conversation = model.requests().get(0).conversation().orElseThrow();
    assertThat(conversation.userTexts()).containsExactly("go");
    assertThat(conversation.workingDirectory()).contains("/w");
    assertThat(model.toolCalls()).hasSize(1);
  }

  @Test
  void should_stream_gemini_function_calls_and_read_their_responses_back() throws Exception {
    model = ModelServer.start(Scenario.builder().writeFile("a.txt", "A\n").text("done").build());
    String context =
        "{\"text\":\"<session_context>\\n- **Workspace Directories:**\\n  - /w\\n</session_context>\"}";
    String first =
        """
        {"tools":[{"functionDeclarations":[{"name":"write_file"},{"name":"run_shell_command"}]}],
         "contents":[{"role":"user","parts":[%s,{"text":"go"}]}]}"""
            .formatted(context);

    String events =
        post("/v1beta/models/gemini-x:streamGenerateContent?alt=sse", first, null).body();

    assertThat(events).startsWith("data: {");
    JsonNode call =
        JSON.readTree(events.substring("data: ".length()).strip())
            .at("/candidates/0/content/parts/0/functionCall");
    assertThat(call.path("name").asText()).isEqualTo("write_file");
    assertThat(call.at("/args/file_path").asText()).isEqualTo("/w/a.txt");
    String id = call.path("id").asText();
    assertThat(model.toolCalls()).containsExactly(id);

    String second =
        """
        {"tools":[{"functionDeclarations":[{"name":"write_file"}]}],
         "contents":[{"role":"user","parts":[%s,{"text":"go"}]},
                     {"role":"model","parts":[{"functionCall":{"id":"%s","name":"write_file"}}]},
                     {"role":"user","parts":[{"functionResponse":{"id":"%s","name":"write_file"}}]}]}"""
            .formatted(context, id, id);
    JsonNode answer =
        JSON.readTree(post("/v1beta/models/gemini-x:generateContent", second, null).body());
    assertThat(answer.at("/candidates/0/content/parts/0/text").asText()).isEqualTo("done");
    assertThat(answer.at("/candidates/0/finishReason").asText()).isEqualTo("STOP");

    Conversation conversation = model.requests().get(1).conversation().orElseThrow();
    assertThat(conversation.userTexts()).containsExactly("go");
    assertThat(conversation.modelAnswers()).isEqualTo(1);
    assertThat(conversation.toolResultIds()).containsExactly(id);
  }
}
