package dev.delegate.agent.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class VersionNumberTest {

  private static VersionNumber v(String text) {
    return VersionNumber.parse(text).orElseThrow();
  }

  @Test
  void should_compare_parts_as_numbers_not_text() {
    assertThat(v("2.1.9")).isLessThan(v("2.1.10"));
    assertThat(v("0.169.0")).isLessThan(v("0.170.0"));
    assertThat(v("10.0.0")).isGreaterThan(v("9.99.99"));
  }

  @Test
  void should_sort_a_pre_release_before_its_release() {
    assertThat(v("1.2.3-beta.1")).isLessThan(v("1.2.3"));
    assertThat(v("1.2.3-beta.1")).isGreaterThan(v("1.2.2"));
    assertThat(v("0.1.0-SNAPSHOT")).isLessThan(v("0.1.0"));
  }

  @Test
  void should_order_pre_releases_as_semantic_versioning_does() {
    List<String> ordered =
        List.of(
            "1.0.0-alpha",
            "1.0.0-alpha.1",
            "1.0.0-alpha.beta",
            "1.0.0-beta",
            "1.0.0-beta.2",
            "1.0.0-beta.11",
            "1.0.0-rc.1",
            "1.0.0");
    for (int i = 1; i < ordered.size(); i++) {
      assertThat(v(ordered.get(i - 1))).as(ordered.get(i - 1)).isLessThan(v(ordered.get(i)));
    }
  }

  @Test
  void should_treat_missing_parts_as_zero_and_ignore_build_metadata_and_a_leading_v() {
    assertThat(v("1.2")).isEqualByComparingTo(v("1.2.0"));
    assertThat(v("1.2")).isEqualTo(v("1.2.0")).hasSameHashCodeAs(v("1.2.0"));
    assertThat(v("v1.2.3+build.7")).isEqualByComparingTo(v("1.2.3"));
    assertThat(v("1.2.3").toString()).isEqualTo("1.2.3");
  }

  @Test
  void should_tell_whether_a_version_is_within_an_inclusive_range() {
    assertThat(v("2.1.197").within(v("2.1.197"), v("2.1.197"))).isTrue();
    assertThat(v("2.1.200").within(v("2.1.9"), v("2.1.200"))).isTrue();
    assertThat(v("2.1.201").within(v("2.1.9"), v("2.1.200"))).isFalse();
    assertThat(v("2.1.8").within(v("2.1.9"), v("2.1.200"))).isFalse();
  }

  @Test
  void should_refuse_text_that_is_not_a_version_number() {
    for (String text : List.of("", "abc", "1.2.x", "1..2", "1.2.3-", "1.2.3-beta..1", "version")) {
      assertThat(VersionNumber.parse(text)).as(text).isEmpty();
    }
  }
}
