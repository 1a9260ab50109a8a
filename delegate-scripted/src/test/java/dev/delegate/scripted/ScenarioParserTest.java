package dev.delegate.scripted;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ScenarioParserTest {
  private static Scenario parse(String text) throws ScenarioException {
    return ScenarioParser.parse("test", "test.scenario", text);
  }

  @Test
  void should_parse_every_step_with_inline_text_and_heredocs() throws Exception {
    Scenario scenario =
        parse(
            """
            # a comment
            match hello (\\w+)
              say Hi ${1}
            think 0.5
            read TASK.md
            write out/a.txt <<EOF
            line ${1}
              indented
            EOF
            edit a.txt
            find old
            replace <<'END'
            new ${1}
            END
            run echo hi
            ask Colour?
            flood 64K
            crash 3
            hang
            reply <<EOF
            done
            EOF
            """);
    assertThat(scenario.match("say HELLO World").group(1)).isEqualTo("World");
    assertThat(scenario.steps)
        .extracting(step -> step.kind)
        .containsExactly(
            Step.Kind.SAY,
            Step.Kind.THINK,
            Step.Kind.READ,
            Step.Kind.WRITE,
            Step.Kind.EDIT,
            Step.Kind.RUN,
            Step.Kind.ASK,
            Step.Kind.FLOOD,
            Step.Kind.CRASH,
            Step.Kind.HANG,
            Step.Kind.REPLY);
    Step write = scenario.steps.get(3);
    assertThat(write.arg).isEqualTo("out/a.txt");
    assertThat(Template.expand(write.text, Map.of("1", "X"))).isEqualTo("line X\n  indented\n");
    Step edit = scenario.steps.get(4);
    assertThat(edit.text).isEqualTo("old");
    assertThat(Template.expand(edit.replacement, Map.of("1", "X"))).isEqualTo("new ${1}\n");
    assertThat(scenario.steps.get(10).arg).isEqualTo("done");
    assertThat(scenario.steps.get(10).line).isEqualTo(20);
  }

  @Test
  void should_leave_unknown_variables_alone() {
    assertThat(Template.expand("${a} ${rows.length} $${a} ${", Map.of("a", "1")))
        .isEqualTo("1 ${rows.length} ${a} ${");
  }

  @Test
  void should_name_the_file_and_line_of_an_error() {
    assertThatThrownBy(() -> parse("say ok\nfly away\n"))
        .hasMessage("test.scenario:2: unknown step 'fly' (see README.md for the steps)");
    assertThatThrownBy(() -> parse("think soon\n")).hasMessageContaining(":1: think takes seconds");
    assertThatThrownBy(() -> parse("write a.txt <<EOF\nno end\n"))
        .hasMessageContaining(":1: heredoc <<EOF has no closing line 'EOF'");
    assertThatThrownBy(() -> parse("edit a.txt\nreplace x\n"))
        .hasMessageContaining(":2: expected 'find' for the edit on line 1");
    assertThatThrownBy(() -> parse("match (unclosed\n")).hasMessageContaining(":1: bad regex");
    assertThatThrownBy(() -> parse("crash 300\n")).hasMessageContaining("0 to 255");
  }

  @Test
  void should_accept_variables_where_numbers_go() throws Exception {
    assertThat(parse("think ${1}\n").steps.get(0).arg).isEqualTo("${1}");
  }

  @Test
  void should_read_sizes_and_seconds() {
    assertThat(Numbers.bytes("5M")).isEqualTo(5L * 1024 * 1024);
    assertThat(Numbers.bytes("64k")).isEqualTo(64L * 1024);
    assertThat(Numbers.millis("0.25")).isEqualTo(250);
    assertThat(Numbers.millis("0")).isZero();
  }

  @Test
  void should_parse_a_cost_in_us_dollars_and_reject_a_bad_one() throws Exception {
    Step cost = parse("cost 0.25\n").steps.get(0);
    assertThat(cost.kind).isEqualTo(Step.Kind.COST);
    assertThat(Numbers.usd(cost.arg)).isEqualByComparingTo("0.25");
    assertThatThrownBy(() -> parse("cost lots\n"))
        .hasMessageContaining("cost takes US dollars (0 to 1000000), not: lots");
    assertThatThrownBy(() -> parse("cost -1\n")).hasMessageContaining("cost takes US dollars");
  }
}
