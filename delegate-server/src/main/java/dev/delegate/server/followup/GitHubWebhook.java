package dev.delegate.server.followup;

import com.fasterxml.jackson.databind.JsonNode;
import dev.delegate.core.followup.FollowUpComment;
import dev.delegate.core.followup.FollowUps;
import dev.delegate.core.forge.RepoRef;
import dev.delegate.server.http.ApiException;
import dev.delegate.server.http.Http;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/github/webhook}: GitHub's deliveries, verified with {@code X-Hub-Signature-256}
 * against {@code --github-webhook-secret} before anything is read; unsigned or mis-signed ones are
 * {@code 401} and change nothing. Without a secret the route refuses every delivery ({@code 403}).
 * {@code ping} is answered; review comments, pull-request comments and failed checks on Delegate's
 * pull requests become remarks for a follow-up job ({@link GitHubEvents}); a {@code push} to a
 * branch has the pull requests based on it checked for conflicts (and rebased); any other event is
 * {@code 202} "ignored".
 */
final class GitHubWebhook {
  private static final Logger LOG = LoggerFactory.getLogger(GitHubWebhook.class);
  private static final String BRANCHES = "refs/heads/";

  private final Optional<WebhookSignature> signature;
  private final GitHubEvents events;
  private final FollowUps followUps;
  private final BiConsumer<RepoRef, String> branchMoved;

  /**
   * @param branchMoved told of each push to a branch: the pull requests on it as their base are
   *     checked and rebased when they no longer merge
   */
  GitHubWebhook(
      Optional<String> secret,
      GitHubEvents events,
      FollowUps followUps,
      BiConsumer<RepoRef, String> branchMoved) {
    this.signature = secret.map(WebhookSignature::new);
    this.events = events;
    this.followUps = followUps;
    this.branchMoved = branchMoved;
  }

  void handle(Context ctx) {
    if (signature.isEmpty()) {
      throw new ApiException(
          403,
          "webhook_secret_missing",
          "GitHub webhooks are off on this Delegate: start it with --github-webhook-secret (or"
              + " DELEGATE_GITHUB_WEBHOOK_SECRET) set to the webhook's secret");
    }
    byte[] body = ctx.bodyAsBytes();
    if (!signature.get().matches(ctx.header(WebhookSignature.HEADER), body)) {
      throw new ApiException(
          401,
          "bad_signature",
          "missing or wrong "
              + WebhookSignature.HEADER
              + ": not signed with this webhook's secret");
    }
    String event = Optional.ofNullable(ctx.header("X-GitHub-Event")).orElse("");
    String delivery = Optional.ofNullable(ctx.header("X-GitHub-Delivery")).orElse("");
    if (event.equals("ping")) {
      ctx.json(Map.of("status", "pong"));
      return;
    }
    JsonNode payload;
    try {
      payload = Http.JSON.readTree(body);
    } catch (IOException e) {
      throw ApiException.badRequest("bad_json", "the delivery's body is not JSON");
    }
    if (event.equals("push")) {
      pushed(ctx, payload);
      return;
    }
    GitHubEvents.Remarks remarks = events.remarks(event, payload);
    int kept = 0;
    for (FollowUpComment remark : remarks.comments()) {
      if (followUps.add(remark)) {
        kept++;
      }
    }
    LOG.info(
        "GitHub {} delivery {}: {} remark(s) kept{}",
        event,
        delivery,
        kept,
        remarks.ignored().map(why -> " (" + why + ")").orElse(""));
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("status", remarks.ignored().isPresent() ? "ignored" : "accepted");
    remarks.ignored().ifPresent(why -> answer.put("reason", why));
    answer.put("remarks", kept);
    ctx.status(202).json(answer);
  }

  /** A push to a branch: the pull requests based on it are checked (a tag or a deletion is not). */
  private void pushed(Context ctx, JsonNode payload) {
    String ref = payload.path("ref").asText("");
    Map<String, Object> answer = new LinkedHashMap<>();
    if (!ref.startsWith(BRANCHES) || payload.path("deleted").asBoolean()) {
      answer.put("status", "ignored");
      answer.put("reason", "not a push to a branch");
    } else {
      RepoRef repo = GitHubEvents.repo(payload);
      String branch = ref.substring(BRANCHES.length());
      branchMoved.accept(repo, branch);
      LOG.info("GitHub push to {} {}: its pull requests are checked", repo, branch);
      answer.put("status", "accepted");
      answer.put("rebaseCheck", branch);
    }
    ctx.status(202).json(answer);
  }
}
