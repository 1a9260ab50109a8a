package dev.delegate.core.workspace;

import dev.delegate.core.forge.GitRemote;
import dev.delegate.core.forge.RepoRef;
import java.nio.file.Path;

/**
 * A job's isolated checkout: a directory holding the repository's branch, owned by one worker while
 * the job runs.
 *
 * @param baseSha the commit the branch pointed at when the workspace was prepared
 */
public record Workspace(
    RepoRef repo, GitRemote remote, String branch, Path directory, String baseSha) {}
