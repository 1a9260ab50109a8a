package dev.delegate.agent.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.delegate.core.PermanentException;
import dev.delegate.core.agent.AgentProfile;
import dev.delegate.core.agent.AgentProfile.Scope;
import dev.delegate.core.agent.AgentProfile.SubmitStyle;
import dev.delegate.core.agent.ApprovalVerdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileCatalogTest {
  private static final ProfileVariables VARS =
      new ProfileVariables(
          Map.of("java", "/jdk/bin/java", "scripted.classpath", "/cp"),
          name -> name.equals("MY_KEY") ? "secret-value" : null);

  @Test
  void should_load_kiro_legacy_strings_exactly() {
    AgentProfile kiro = ProfileCatalog.load(Optional.empty()).get("kiro", VARS);
    String prompt =
        "Allow this action? Use 't' to trust (always allow) this tool for the "
            + "session. [y/n/t]:";
    assertThat(kiro.approvals()).hasSize(1);
    assertThat(kiro.approvals().get(0).pattern().matcher(prompt).find()).isTrue();
    assertThat(kiro.approvals().get(0).keysFor(ApprovalVerdict.TRUST)).isEqualTo("t\r");
    assertThat(kiro.approvals().get(0).keysFor(ApprovalVerdict.DENY)).isEqualTo("n\r");
    for (String ready : new String[] {"> ", "!> ", "[dev] > ", "42% > ", "↯ > "}) {
      assertThat(kiro.endOfTurn().pattern().matcher(ready).find()).as(ready).isTrue();
    }
    assertThat(kiro.endOfTurn().pattern().matcher("> Read TASK.md").find()).isFalse();
    assertThat(kiro.endOfTurn().scope()).isEqualTo(Scope.LINE);
    assertThat(kiro.reset().command()).isEqualTo("/clear");
    assertThat(kiro.interruptKeys()).isEqualTo("\u0003");
  }

  @Test
  void should_load_kiro_tui_with_trust_dialog_and_double_enter_paste() {
    AgentProfile tui = ProfileCatalog.load(Optional.empty()).get("kiro-tui", VARS);
    assertThat(tui.startup().dialogs())
        .singleElement()
        .satisfies(d -> assertThat(d.keys()).isEqualTo("\u001b[B\r"));
    assertThat(tui.endOfTurn().pattern().matcher("▸ Credits: 0.42 • Time: 12s").find()).isTrue();
    assertThat(tui.startup().ready().pattern().matcher("Ask a question or describe a task").find())
        .isTrue();
    assertThat(tui.submit().style()).isEqualTo(SubmitStyle.PASTE);
    assertThat(tui.submit().enters()).isEqualTo(2);
  }

  @Test
  void should_merge_extends_and_replace_variables_in_the_command() {
    AgentProfile scripted = ProfileCatalog.load(Optional.empty()).get("scripted", VARS);
    assertThat(scripted.command()).isEqualTo("/jdk/bin/java");
    assertThat(scripted.args()).contains("/cp", "dev.delegate.scripted.ScriptedAgent");
    assertThat(scripted.approvals()).hasSize(1); // inherited from kiro
    assertThat(scripted.startup().timeoutMs()).isEqualTo(20_000); // overridden
    assertThat(scripted.startup().ready().scope()).isEqualTo(Scope.LINE); // kept from kiro
  }

  @Test
  void should_let_users_add_profiles_that_read_keys_from_the_environment(@TempDir Path dir)
      throws IOException {
    Files.writeString(
        dir.resolve("mine.yaml"),
        """
        name: mine
        extends: kiro
        command: /opt/kiro/bin/kiro-cli
        env: {API_KEY: '${env:MY_KEY}'}
        """);
    ProfileCatalog catalog = ProfileCatalog.load(Optional.of(dir));
    assertThat(catalog.names()).contains("kiro", "mine");
    AgentProfile mine = catalog.get("mine", VARS);
    assertThat(mine.command()).isEqualTo("/opt/kiro/bin/kiro-cli");
    assertThat(mine.env()).containsEntry("API_KEY", "secret-value");
  }

  @Test
  void should_name_the_known_profiles_when_one_is_unknown() {
    assertThatThrownBy(() -> ProfileCatalog.load(Optional.empty()).get("nope", VARS))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("unknown agent profile 'nope'")
        .hasMessageContaining(
            "kiro, kiro-tui, kiro-acp, claude-code, claude-acp, codex, codex-acp, gemini-acp,"
                + " scripted, scripted-tui, scripted-acp");
  }

  @Test
  void should_reject_a_profile_with_a_misspelt_field(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("bad.yaml"), "name: bad\nextends: kiro\nreadyy: x\n");
    assertThatThrownBy(() -> ProfileCatalog.load(Optional.of(dir)).get("bad", VARS))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("agent profile 'bad'")
        .hasMessageContaining("readyy");
  }

  @Test
  void should_reject_a_profile_with_a_broken_pattern(@TempDir Path dir) throws IOException {
    Files.writeString(
        dir.resolve("bad.yaml"),
        "name: bad\nextends: kiro\nendOfTurn: {pattern: '([unclosed', scope: LINE}\n");
    assertThatThrownBy(() -> ProfileCatalog.load(Optional.of(dir)).get("bad", VARS))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("agent profile 'bad'");
  }

  @Test
  void should_refuse_an_unset_environment_variable() {
    assertThatThrownBy(() -> VARS.replace("${env:NOT_SET_ANYWHERE}"))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("NOT_SET_ANYWHERE");
  }

  @Test
  void should_expand_environment_defaults_and_suffixes_and_keep_session_variables() {
    java.util.function.Function<String, String> env =
        Map.of("KEY", "sk-0123456789abcdefghijXYZ", "EMPTY", "")::get;
    assertThat(ProfileVariables.expand("${env:KEY|last:4}", n -> n, env)).isEqualTo("jXYZ");
    assertThat(ProfileVariables.expand("${env:NOPE:-http://x}", n -> n, env)).isEqualTo("http://x");
    assertThat(ProfileVariables.expand("${env:EMPTY:-d}", n -> n, env)).isEqualTo("d");
    assertThat(ProfileVariables.expand("a ${home} b", n -> "[" + n + "]", env))
        .isEqualTo("a [home] b");
  }

  @Test
  void should_load_the_claude_code_and_codex_profiles_with_screen_markers_and_a_home() {
    ProfileCatalog catalog = ProfileCatalog.load(Optional.empty());
    ProfileVariables variables =
        new ProfileVariables(Map.of("java", "java", "scripted.classpath", "x"), n -> null);
    AgentProfile claude = catalog.get("claude-code", variables);
    assertThat(claude.command()).isEqualTo("claude");
    assertThat(claude.env())
        .containsEntry("ANTHROPIC_BASE_URL", "https://api.anthropic.com")
        .doesNotContainKey("ANTHROPIC_API_KEY");
    assertThat(claude.endOfTurn().scope()).isEqualTo(Scope.SCREEN);
    assertThat(claude.home().env()).containsExactly("HOME");
    assertThat(claude.home().files().get(0).content())
        .contains("${workdir}", "${env:ANTHROPIC_API_KEY|last:20}");
    assertThat(claude.approvals()).allSatisfy(a -> assertThat(a.allowKeys()).isEqualTo("1"));
    AgentProfile codex = catalog.get("codex", variables);
    assertThat(codex.args()).containsExactly("--no-daemon", "--model", "gpt-5-codex");
    assertThat(codex.home().env()).containsExactly("HOME", "CODEX_HOME");
    assertThat(codex.approvals().get(0).allowKeys()).isEqualTo("y");
    assertThat(codex.terminal().screen()).isTrue();
  }
}
