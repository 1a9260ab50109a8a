package dev.delegate.scripted;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyDecoderTest {
  private final KeyDecoder decoder = new KeyDecoder();

  private List<String> feed(String... chunks) {
    List<Key> keys = new ArrayList<>();
    for (String chunk : chunks) {
      byte[] bytes = chunk.getBytes(StandardCharsets.ISO_8859_1);
      decoder.feed(bytes, 0, bytes.length, keys);
    }
    return keys.stream().map(Key::toString).toList();
  }

  private static String utf8(String text) {
    return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
  }

  @Test
  void should_decode_text_enter_backspace_and_ctrl_c() {
    assertThat(feed("ab\rc\n\u007f\b\u0003\u0001"))
        .containsExactly(
            "TEXT(ab)", "ENTER", "TEXT(c)", "ENTER", "BACKSPACE", "BACKSPACE", "INTERRUPT");
  }

  @Test
  void should_count_cr_lf_as_one_enter() {
    assertThat(feed("a\r\nb\r", "\n")).containsExactly("TEXT(a)", "ENTER", "TEXT(b)", "ENTER");
  }

  @Test
  void should_join_utf8_split_across_reads() {
    String snowman = utf8("☃é");
    assertThat(feed(snowman.substring(0, 1), snowman.substring(1, 3), snowman.substring(3)))
        .containsExactly("TEXT(☃)", "TEXT(é)");
  }

  @Test
  void should_recognise_arrows_and_swallow_other_sequences_even_when_split() {
    assertThat(feed("\u001b[A\u001b", "[B\u001bOC\u001b[1;5D\u001b[15~\u001b[", "I", "x"))
        .containsExactly("UP", "DOWN", "RIGHT", "LEFT", "TEXT(x)");
  }

  @Test
  void should_swallow_alt_keys_but_keep_enter_after_a_lone_escape() {
    assertThat(feed("\u001bq\u001b\r")).containsExactly("ENTER");
  }

  @Test
  void should_keep_a_bracketed_paste_verbatim_even_when_split() {
    String paste = "\u001b[200~one\r/quit\r\u0003" + utf8("ü") + "\u001b[201~";
    assertThat(feed(paste.substring(0, 4), paste.substring(4, 12), paste.substring(12), "\r"))
        .containsExactly("PASTE(one\r/quit\r\u0003ü)", "ENTER");
  }

  @Test
  void should_give_an_unfinished_paste_at_end_of_input() {
    List<Key> keys = new ArrayList<>();
    byte[] bytes = "\u001b[200~half".getBytes(StandardCharsets.ISO_8859_1);
    decoder.feed(bytes, 0, bytes.length, keys);
    decoder.finish(keys);
    assertThat(keys).extracting(Key::toString).containsExactly("PASTE(half)");
  }
}
