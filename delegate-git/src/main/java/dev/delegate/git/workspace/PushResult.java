package dev.delegate.git.workspace;

/**
 * What {@link GitWorkspaces#push(dev.delegate.core.workspace.Workspace, String)} did.
 *
 * @param commit our head after the push: what the remote branch points at when {@code pushed}
 * @param pushed {@code false} when there was nothing new to push (then the remote branch may have
 *     moved on meanwhile)
 * @param rebased {@code true} when the branch had moved and our work was rebased onto it first
 */
public record PushResult(String commit, boolean pushed, boolean rebased) {}
