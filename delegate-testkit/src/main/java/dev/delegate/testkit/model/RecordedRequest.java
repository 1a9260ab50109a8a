package dev.delegate.testkit.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One request the model server received, as tests see it.
 *
 * @param headers the request's headers with lower-case names, minus every header that may carry a
 *     secret (authorization, API keys, cookies)
 * @param body the JSON body, or a null node when there was none
 * @param keyMatched whether the request carried the server's API key (as {@code x-api-key} or
 *     {@code Authorization: Bearer})
 * @param conversation for model calls: what the server read from the body
 * @param answer for calls of the main conversation: the scenario's step that was played
 */
public record RecordedRequest(
    Instant at,
    String method,
    String path,
    String query,
    Map<String, String> headers,
    JsonNode body,
    boolean keyMatched,
    Optional<Conversation> conversation,
    Optional<Step> answer) {

  public RecordedRequest {
    headers = Map.copyOf(headers);
  }

  /** True for calls of the main conversation, which play the scenario's steps. */
  public boolean playedStep() {
    return answer.isPresent();
  }
}
