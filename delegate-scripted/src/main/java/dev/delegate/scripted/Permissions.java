package dev.delegate.scripted;

import java.util.HashSet;
import java.util.Set;

/** Asks before every tool action unless the tool was trusted this session or all tools are. */
final class Permissions {
  private final Ui ui;
  private final EventLog log;
  private final boolean trustAll;
  private final Set<String> trusted = new HashSet<>();

  Permissions(Ui ui, EventLog log, boolean trustAll) {
    this.ui = ui;
    this.log = log;
    this.trustAll = trustAll;
  }

  /** {@code /clear} forgets the tools trusted with 't'. */
  void forgetTrust() {
    trusted.clear();
  }

  /** Prints the tool header; true when the tool needs no approval. */
  boolean header(String tool) {
    boolean allowed = trustAll || trusted.contains(tool) || tool.equals(Tools.FS_READ);
    ui.screen.line(
        "🛠️  Using tool: " + Ansi.MAGENTA + tool + Ansi.RESET + (allowed ? " (trusted)" : ""));
    return allowed;
  }

  /**
   * Shows the tool use and its details, then asks unless trusted. True to go ahead; a denial prints
   * a line and the caller skips the action.
   */
  boolean request(String tool, String details) {
    boolean allowed = header(tool);
    ui.screen.print(details);
    if (allowed) {
      return true;
    }
    Decision decision = ui.askApproval(tool);
    log.event("APPROVAL", tool + " " + decision.letter);
    switch (decision) {
      case TRUST -> {
        trusted.add(tool);
        ui.screen.line(Ansi.GREEN + " ✓ " + tool + " is trusted for this session" + Ansi.RESET);
      }
      case NO -> ui.screen.line(Ansi.RED + " ✗ Tool denied: " + tool + " was not run" + Ansi.RESET);
      case YES -> {}
    }
    ui.screen.flush();
    return decision != Decision.NO;
  }
}
