package dev.delegate.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.delegate.core.PermanentException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BranchNameTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "main",
        "feature/add-export-button-1733420400000",
        "release/1.2.3",
        "fix/ünïcode-naïve",
        "a/-b",
        "x@",
        "a@b",
        "a.LOCK",
        "{a}",
        "a#b%c",
        "semi;colon|pipe&amp$dollar'quote\"",
        "dots.in.the.middle",
        "under_score"
      })
  void should_accept_names_git_accepts(String name) {
    assertThat(BranchName.validate(name)).isEqualTo(name);
    assertThat(BranchName.isValid(name)).isTrue();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "-rf               | starts with '-'",
        "a..b              | holds '..'",
        "a@{1}             | holds '@{'",
        "/a                | starts or ends with '/'",
        "a/                | starts or ends with '/'",
        "a//b              | holds '//'",
        "a.                | ends with '.'",
        "a.lock            | ends with '.lock'",
        "a.lock/b          | ends with '.lock'",
        ".hidden           | starts with '.'",
        "a/.b              | starts with '.'",
        "a b               | holds ' '",
        "a~1               | holds '~'",
        "a^                | holds '^'",
        "a:b               | holds ':'",
        "a?                | holds '?'",
        "a*                | holds '*'",
        "a[b               | holds '['",
        "a\\b              | holds '\\'",
        "HEAD              | reserved",
        "@                 | reserved",
        "refs/heads/x      | without 'refs/'"
      })
  void should_reject_names_breaking_ref_rules_with_the_reason(String name, String reason) {
    assertThatThrownBy(() -> BranchName.validate(name))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("invalid branch name '" + name + "'")
        .hasMessageContaining(reason);
  }

  @Test
  void should_reject_empty_too_long_and_control_characters() {
    assertThat(BranchName.isValid(null)).isFalse();
    assertThat(BranchName.isValid("")).isFalse();
    assertThat(BranchName.isValid("a".repeat(BranchName.MAX_LENGTH))).isTrue();
    assertThat(BranchName.isValid("a".repeat(BranchName.MAX_LENGTH + 1))).isFalse();
    assertThatThrownBy(() -> BranchName.validate("a\nb"))
        .hasMessageContaining("a\\x0ab")
        .hasMessageContaining("control character");
    assertThat(BranchName.isValid("a\u007fb")).isFalse();
    assertThat(BranchName.isValid("tab\there")).isFalse();
  }

  /**
   * On this sample we and git agree. We are stricter than git only on purpose: '@', 'refs/…'
   * (checked above) and names over {@link BranchName#MAX_LENGTH}.
   */
  @Test
  void should_agree_with_git_check_ref_format(@TempDir Path dir) throws Exception {
    List<String> sample =
        List.of(
            "main",
            "feature/x-1",
            "a/-b",
            "x@",
            "a@b",
            "a.LOCK",
            "{a}",
            "a#b",
            "é/ü",
            "a;b",
            "a|b",
            "a$b",
            "-a",
            "a..b",
            "a@{b",
            "@{-1}",
            "/a",
            "a/",
            "a//b",
            "a.",
            "a.lock",
            "a.lock/b",
            ".a",
            "a/.b",
            "a b",
            "a~b",
            "a^b",
            "a:b",
            "a?b",
            "a*b",
            "a[b",
            "a\\b",
            "HEAD",
            "a\tb",
            "a\u007fb",
            ".lock",
            "a/.lock",
            "x/y/z",
            "1.2.3",
            "a-",
            "a_");
    List<String> disagreements = new ArrayList<>();
    for (String name : sample) {
      boolean gitAccepts = gitAccepts(dir, name);
      boolean weAccept = BranchName.isValid(name);
      if (gitAccepts != weAccept) {
        disagreements.add(name + " (git " + gitAccepts + ", we " + weAccept + ")");
      }
    }
    assertThat(disagreements).isEmpty();
  }

  private static boolean gitAccepts(Path dir, String name) throws Exception {
    Process p =
        new ProcessBuilder("git", "check-ref-format", "--branch", name)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .start();
    p.getInputStream().readAllBytes();
    return p.waitFor() == 0;
  }
}
