package dev.delegate.core.workspace;

/** Who commits what Delegate rewrites (a rebase keeps each commit's author). */
public record Committer(String name, String email) {}
