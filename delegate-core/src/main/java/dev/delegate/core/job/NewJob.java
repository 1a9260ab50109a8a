package dev.delegate.core.job;

import dev.delegate.core.forge.RepoRef;

/** What {@code POST /api/process-pr} asks for, before it is stored. */
public record NewJob(String id, RepoRef repo, int prNumber, String branch, String taskDetails) {}
