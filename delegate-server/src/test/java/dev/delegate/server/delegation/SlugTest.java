package dev.delegate.server.delegation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.delegate.git.BranchName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SlugTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Add Export Button|add-export-button",
        "Crème brûlée für Ångström|creme-brulee-fur-angstrom",
        "添加导出按钮|task",
        "'   '|task",
        "Fix: the (broken) login!!! page?|fix-the-broken-login-page",
        "--- ..Leading and trailing junk.. ---|leading-and-trailing-junk",
        "ＦＵＬＬ width １２３|full-width-123",
        "v2.0 -> v3.0 / API|v2-0-v3-0-api",
        "Ünïcödé 中文 mixed|unicode-mixed"
      })
  void should_slug_titles(String title, String slug) {
    assertThat(Slug.of(title)).isEqualTo(slug);
  }

  @Test
  void should_cut_long_titles_at_a_dash_within_50_characters() {
    String title = "Add an export button to the header of every page in the application now";

    String slug = Slug.of(title);

    assertThat(slug).isEqualTo("add-an-export-button-to-the-header-of-every-page");
    assertThat(slug.length()).isLessThanOrEqualTo(50);
  }

  @Test
  void should_cut_one_long_word_at_50_characters() {
    assertThat(Slug.of("a".repeat(80))).isEqualTo("a".repeat(50));
    assertThat(Slug.of("b".repeat(49) + " cdef")).isEqualTo("b".repeat(49));
  }

  @Test
  void should_make_valid_branch_names() {
    String branch = Slug.branch("Add Export Button", 1733420400000L);

    assertThat(branch).isEqualTo("feature/add-export-button-1733420400000");
    assertThat(BranchName.isValid(Slug.branch("..lock .lock", 1L))).isTrue();
    assertThat(Slug.branch("日本語", 5L)).isEqualTo("feature/task-5");
  }
}
