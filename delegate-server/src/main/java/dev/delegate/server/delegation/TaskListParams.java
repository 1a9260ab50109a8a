package dev.delegate.server.delegation;

import dev.delegate.core.PermanentException;
import dev.delegate.core.forge.RepoRef;
import dev.delegate.core.task.TaskCursor;
import dev.delegate.core.task.TaskQuery;
import dev.delegate.server.http.ApiException;
import dev.delegate.server.http.QueryParams;
import io.javalin.http.Context;
import java.util.Locale;
import java.util.Optional;

/**
 * The query of {@code GET /api/tasks}: {@code state}, {@code repo} ({@code owner/name}), {@code q}
 * (title text), {@code limit} and {@code before} (the previous page's {@code next}); an empty one
 * is not given. A bad value is a {@code 400} naming it.
 */
final class TaskListParams {
  static final int MAX_QUERY = 200;

  private TaskListParams() {}

  static TaskQuery parse(Context ctx) {
    return new TaskQuery(
        text(ctx, "state").map(TaskListParams::state),
        text(ctx, "repo").map(TaskListParams::repo),
        text(ctx, "q").map(TaskListParams::titleText),
        text(ctx, "before").map(TaskListParams::cursor),
        QueryParams.limit(ctx.queryParam("limit")));
  }

  private static Optional<String> text(Context ctx, String name) {
    return Optional.ofNullable(ctx.queryParam(name)).map(String::trim).filter(s -> !s.isEmpty());
  }

  private static String state(String text) {
    String state = text.toUpperCase(Locale.ROOT);
    if (!TaskQuery.STATES.contains(state)) {
      throw ApiException.badRequest(
          "invalid_state",
          "'state' must be one of " + String.join(", ", TaskQuery.STATES) + "; was '" + text + "'");
    }
    return state;
  }

  private static RepoRef repo(String text) {
    int slash = text.indexOf('/');
    if (slash < 0 || text.indexOf('/', slash + 1) >= 0) {
      throw ApiException.badRequest(
          "invalid_repo", "'repo' must be owner/name, like local/sample-app; was '" + text + "'");
    }
    try {
      return new RepoRef(text.substring(0, slash), text.substring(slash + 1));
    } catch (PermanentException e) {
      throw ApiException.badRequest("invalid_repo", e.getMessage());
    }
  }

  private static String titleText(String text) {
    if (text.length() > MAX_QUERY) {
      throw ApiException.badRequest(
          "invalid_query", "'q' must be at most " + MAX_QUERY + " characters");
    }
    return text;
  }

  private static TaskCursor cursor(String text) {
    try {
      return TaskCursor.parse(text);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("invalid_cursor", e.getMessage());
    }
  }
}
