package dev.delegate.archfixture.left;

import dev.delegate.archfixture.right.Right;

/** One half of a package cycle, for {@code ArchitectureRulesTest} only. */
public final class Left {
  public Right right;
}
