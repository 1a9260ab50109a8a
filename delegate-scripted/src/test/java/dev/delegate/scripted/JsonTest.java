package dev.delegate.scripted;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
  @Test
  void should_read_every_kind_of_value() {
    Object value =
        Json.parse(
            " {\"a\": [1, -2, 3.5, 1e3, -0, 12345678901234567890], \"b\": {\"c\": true,"
                + " \"d\": false, \"e\": null}, \"f\": \"x\", \"g\": [], \"h\": {}} ");
    Map<String, Object> object = Json.asObject(value);
    assertThat(object).containsOnlyKeys("a", "b", "f", "g", "h");
    assertThat(Json.asList(object.get("a")))
        .containsExactly(
            1L,
            -2L,
            new BigDecimal("3.5"),
            new BigDecimal("1e3"),
            0L,
            new BigDecimal("12345678901234567890"));
    assertThat(Json.asObject(object.get("b")))
        .containsEntry("c", true)
        .containsEntry("d", false)
        .containsEntry("e", null);
    assertThat(object.get("g")).isEqualTo(List.of());
    assertThat(object.get("h")).isEqualTo(Map.of());
  }

  @Test
  void should_read_string_escapes_including_unicode_and_surrogate_pairs() {
    assertThat(Json.parse("\"q\\\" b\\\\ s\\/ \\b\\f\\n\\r\\t \\u00e9 \\uD83D\\uDE00 é\""))
        .isEqualTo("q\" b\\ s/ \b\f\n\r\t é 😀 é");
  }

  @Test
  void should_write_what_it_reads() {
    Map<String, Object> object =
        Json.object(
            "text",
            "line\n\"quoted\" \\ tab\t\u0001 é 😀",
            "n",
            42L,
            "d",
            new BigDecimal("0.0001"),
            "list",
            Arrays.asList(true, null, "x"),
            "empty",
            Json.object());
    String text = Json.write(object);
    assertThat(text)
        .isEqualTo(
            "{\"text\":\"line\\n\\\"quoted\\\" \\\\ tab\\t\\u0001 é 😀\",\"n\":42,\"d\":0.0001,"
                + "\"list\":[true,null,\"x\"],\"empty\":{}}");
    assertThat(Json.parse(text)).isEqualTo(object);
  }

  @Test
  void should_reject_malformed_input_with_the_offset_and_what_was_expected() {
    assertThatThrownBy(() -> Json.parse("{\"a\":1,}"))
        .isInstanceOf(JsonException.class)
        .hasMessage("bad JSON at offset 7: expected a string key, found '}'");
    assertThatThrownBy(() -> Json.parse("[1 2]"))
        .hasMessage("bad JSON at offset 3: expected ',' or ']', found '2]'");
    assertThatThrownBy(() -> Json.parse("\"abc"))
        .hasMessage("bad JSON at offset 4: expected a closing '\"', found the end of the input");
    assertThatThrownBy(() -> Json.parse("{\"a\" 1}")).hasMessageContaining("expected ':'");
    assertThatThrownBy(() -> Json.parse("\"\\x\"")).hasMessageContaining("expected one of");
    assertThatThrownBy(() -> Json.parse("\"\\u12g4\"")).hasMessageContaining("four hex digits");
    assertThatThrownBy(() -> Json.parse("\"a\nb\"")).hasMessageContaining("control character");
    assertThatThrownBy(() -> Json.parse("01")).hasMessageContaining("end of input");
    assertThatThrownBy(() -> Json.parse("1.")).hasMessageContaining("a digit after '.'");
    assertThatThrownBy(() -> Json.parse("-")).hasMessageContaining("a digit");
    assertThatThrownBy(() -> Json.parse("1e")).hasMessageContaining("exponent");
    assertThatThrownBy(() -> Json.parse("tru")).hasMessageContaining("expected a value");
    assertThatThrownBy(() -> Json.parse("")).hasMessageContaining("expected a value");
    assertThatThrownBy(() -> Json.parse("{} {}")).hasMessageContaining("end of input");
    assertThatThrownBy(() -> Json.parse("'a'")).hasMessageContaining("expected a value");
  }

  @Test
  void should_refuse_nesting_deeper_than_its_limit() {
    String deep = "[".repeat(Json.MAX_DEPTH + 1) + "]".repeat(Json.MAX_DEPTH + 1);
    assertThatThrownBy(() -> Json.parse(deep)).hasMessageContaining("nested");
    String ok = "[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH);
    assertThat(Json.parse(ok)).isInstanceOf(ArrayList.class);
  }
}
