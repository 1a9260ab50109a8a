package dev.delegate.scripted;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventLogTest {
  @TempDir Path tmp;

  @Test
  void should_append_one_escaped_line_per_event() throws Exception {
    Path file = tmp.resolve("log");
    EventLog log = new EventLog(file.toString());
    log.event("PROMPT", "a\r/quit\r\u0003\\b\nc\t");
    log.event("EXIT", "0");
    log.event("INTERRUPT", null);
    assertThat(Files.readAllLines(file))
        .containsExactly("PROMPT a\\r/quit\\r\\u0003\\\\b\\nc\\t", "EXIT 0", "INTERRUPT");
  }

  @Test
  void should_do_nothing_without_a_file() {
    new EventLog(null).event("EXIT", "0");
    new EventLog("").event("EXIT", "0");
  }
}
