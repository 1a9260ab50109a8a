package dev.delegate.server.config;

import dev.delegate.core.followup.FollowUpSettings;
import java.util.Objects;
import java.util.Optional;

/**
 * How remarks on Delegate's pull requests come back to the agent.
 *
 * @param settings the debounce and the cap per pull request
 * @param githubWebhookSecret the secret GitHub signs its webhooks with; empty: {@code POST
 *     /api/github/webhook} refuses every delivery
 */
public record FollowUpOptions(FollowUpSettings settings, Optional<String> githubWebhookSecret) {
  public static final FollowUpOptions DEFAULT =
      new FollowUpOptions(FollowUpSettings.DEFAULT, Optional.empty());

  public FollowUpOptions {
    Objects.requireNonNull(settings, "settings");
    githubWebhookSecret = githubWebhookSecret.filter(s -> !s.isBlank());
  }

  /** Never shows the secret. */
  @Override
  public String toString() {
    return "FollowUpOptions[settings="
        + settings
        + ", githubWebhookSecret="
        + (githubWebhookSecret.isPresent() ? "(set)" : "(none)")
        + "]";
  }
}
