package dev.delegate.server.processor;

import dev.delegate.core.PermanentException;
import dev.delegate.core.forge.Forge;
import dev.delegate.core.forge.PullRequest;
import dev.delegate.core.forge.RepoRef;
import dev.delegate.core.job.JobStore;
import dev.delegate.server.http.ApiException;
import dev.delegate.server.http.JsonBody;
import dev.delegate.server.http.QueryParams;
import dev.delegate.server.rebase.Rebases;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /api/prs/{owner}/{repo}/{number}/rebase}, body empty or {@code {"instructions":"…"}}:
 * a rebase job for the pull request ({@link Rebases}). {@code 202} with the job once stored; {@code
 * 404} for an unknown pull request; {@code 409} for a closed one or while a job of it is active.
 */
final class RebaseRoute {
  private final Rebases rebases;
  private final Forge forge;
  private final RepoRef defaultRepo;
  private final String defaultOwner;

  RebaseRoute(Rebases rebases, Forge forge, RepoRef defaultRepo, String defaultOwner) {
    this.rebases = rebases;
    this.forge = forge;
    this.defaultRepo = defaultRepo;
    this.defaultOwner = defaultOwner;
  }

  void handle(Context ctx) {
    RepoRef repo =
        QueryParams.repo(ctx.pathParam("owner"), ctx.pathParam("repo"), defaultRepo, defaultOwner);
    int number = QueryParams.prNumber(ctx.pathParam("number"));
    String instructions =
        ctx.body().isBlank()
            ? ""
            : JsonBody.of(ctx).optionalText("instructions", JobRetry.MAX_INSTRUCTIONS).orElse("");
    PullRequest pr = find(repo, number);
    if (!"open".equals(pr.state())) {
      throw new ApiException(
          409, "pull_request_closed", "pull request #" + number + " of " + repo + " is closed");
    }
    JobStore.Enqueued enqueued = rebases.request(repo, number, "asked over the API", instructions);
    if (!enqueued.created()) {
      throw new ApiException(
          409,
          "job_active",
          "job " + enqueued.job().id() + " is already active for " + repo + "#" + number);
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("status", "accepted");
    answer.put("jobId", enqueued.job().id());
    answer.put("kind", "rebase");
    answer.put("prNumber", number);
    answer.put("branch", enqueued.job().branch());
    answer.put("base", pr.base());
    ctx.status(202).json(answer);
  }

  private PullRequest find(RepoRef repo, int number) {
    Optional<PullRequest> pr;
    try {
      pr = forge.pullRequest(repo, number);
    } catch (PermanentException e) {
      pr = Optional.empty(); // no such repository
    }
    return pr.orElseThrow(
        () ->
            new ApiException(
                404, "pull_request_not_found", "no pull request #" + number + " in " + repo));
  }
}
