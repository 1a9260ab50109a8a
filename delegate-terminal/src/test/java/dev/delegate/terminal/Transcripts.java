package dev.delegate.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The captures in {@code shared/fixtures/agent-transcripts} (found through the {@code
 * delegate.shared} system property that surefire sets), cut into chunks the way a PTY reader might
 * deliver them.
 */
final class Transcripts {

  private Transcripts() {}

  static Path dir() {
    String shared = System.getProperty("delegate.shared");
    assertThat(shared).as("system property delegate.shared (set by surefire)").isNotNull();
    Path dir = Path.of(shared, "fixtures", "agent-transcripts");
    assertThat(dir).as("fixture folder").isDirectory();
    return dir;
  }

  static String read(String name) {
    try {
      return Files.readString(dir().resolve(name), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Non-blank lines of a {@code .pane.txt}, trailing spaces removed. */
  static List<String> paneLines(String name) {
    return read(name).lines().map(l -> l.stripTrailing()).filter(l -> !l.isBlank()).toList();
  }

  /** Chunks of 1 to {@code maxChunk} chars, cut anywhere (inside escapes and surrogate pairs). */
  static List<String> randomChunks(String text, long seed, int maxChunk) {
    Random random = new Random(seed);
    List<String> chunks = new ArrayList<>();
    for (int i = 0; i < text.length(); ) {
      int n = Math.min(text.length() - i, 1 + random.nextInt(maxChunk));
      chunks.add(text.substring(i, i + n));
      i += n;
    }
    return chunks;
  }

  static List<String> singleChars(String text) {
    List<String> chunks = new ArrayList<>(text.length());
    for (int i = 0; i < text.length(); i++) {
      chunks.add(text.substring(i, i + 1));
    }
    return chunks;
  }
}
