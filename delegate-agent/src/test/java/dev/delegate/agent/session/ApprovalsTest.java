package dev.delegate.agent.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.delegate.agent.profile.ProfileCatalog;
import dev.delegate.agent.profile.ProfileVariables;
import dev.delegate.core.agent.AgentProfile;
import dev.delegate.core.agent.ApprovalPolicy;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Screen-mode approval dialogs (Codex's), answered once, and again only when the keys were lost.
 */
class ApprovalsTest {
  private static final List<String> DIALOG =
      List.of(
          "Would you like to run the following command?",
          "$ printf 'hello' > hello.txt",
          "› 1. Yes, proceed (y)",
          "  2. No, and tell Codex what to do differently (esc)",
          "Press enter to confirm or esc to cancel");
  private static final List<String> WORKING = List.of("• Working (0s • esc to interrupt)");

  private final AgentProfile codex =
      ProfileCatalog.load(Optional.empty())
          .get("codex", new ProfileVariables(Map.of("java", "java"), n -> null));
  private final List<String> typed = new ArrayList<>();

  private Approvals approvals(long resendAfterNanos) {
    return new Approvals(
        codex.approvals(), ApprovalPolicy.TRUST_ALL, Clock.systemUTC(), null, resendAfterNanos);
  }

  @Test
  void should_answer_a_dialog_once_while_it_stays_and_again_once_it_is_new() {
    Approvals approvals = approvals(Long.MAX_VALUE);

    assertThat(approvals.offerScreen(DIALOG, typed::add)).isTrue();
    assertThat(approvals.offerScreen(DIALOG, typed::add)).isTrue();
    assertThat(approvals.offerScreen(WORKING, typed::add)).isFalse();
    assertThat(approvals.offerScreen(DIALOG, typed::add)).isTrue();

    assertThat(typed).containsExactly("y", "y");
    assertThat(approvals.records()).hasSize(2);
  }

  @Test
  void should_type_the_answer_again_when_the_same_dialog_stays_unchanged() throws Exception {
    Approvals approvals = approvals(java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(50));

    approvals.offerScreen(DIALOG, typed::add);
    approvals.offerScreen(DIALOG, typed::add);
    assertThat(typed).as("not before the wait").containsExactly("y");
    for (int i = 0; i < 10; i++) {
      Thread.sleep(60);
      approvals.offerScreen(DIALOG, typed::add);
    }

    assertThat(typed)
        .as("the first answer and at most " + Approvals.MAX_RESENDS + " more")
        .hasSize(1 + Approvals.MAX_RESENDS)
        .containsOnly("y");
    assertThat(approvals.records()).as("still one decision").hasSize(1);
  }

  @Test
  void should_not_type_again_when_the_screen_changed_after_the_answer() throws Exception {
    Approvals approvals = approvals(java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(50));
    approvals.offerScreen(DIALOG, typed::add);
    List<String> taking = new ArrayList<>(DIALOG);
    taking.add("• Running printf 'hello' > hello.txt");

    Thread.sleep(60);
    approvals.offerScreen(taking, typed::add);

    assertThat(typed).containsExactly("y");
  }
}
