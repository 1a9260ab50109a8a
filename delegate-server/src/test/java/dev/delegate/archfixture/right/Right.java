package dev.delegate.archfixture.right;

import dev.delegate.archfixture.left.Left;

/** The other half of a package cycle, for {@code ArchitectureRulesTest} only. */
public final class Right {
  public Left left;
}
