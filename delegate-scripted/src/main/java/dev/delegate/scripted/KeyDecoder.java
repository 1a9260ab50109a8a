package dev.delegate.scripted;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Turns raw terminal input bytes into {@link Key}s. UTF-8 text (also split across reads), Enter
 * ({@code \r}, {@code \n}, or {@code \r\n} as one), Backspace (0x7f, 0x08), Ctrl-C (0x03), arrows
 * ({@code ESC[A..D}, {@code ESCOA..D}) and bracketed paste ({@code ESC[200~ … ESC[201~}, kept
 * verbatim). Every other escape sequence is swallowed whole: a partial sequence never becomes text.
 */
final class KeyDecoder {
  private static final byte ESC = 0x1b;
  private static final byte[] PASTE_END = {ESC, '[', '2', '0', '1', '~'};
  private static final int MAX_CSI = 16;

  private enum State {
    NORMAL,
    ESCAPE,
    CSI,
    SS3,
    PASTE
  }

  private State state = State.NORMAL;
  private final StringBuilder csi = new StringBuilder();
  private final Bytes text = new Bytes();
  private final Bytes paste = new Bytes();
  private int charStart;
  private int continuationNeeded;
  private boolean afterCarriageReturn;

  /** Decodes {@code length} bytes; complete keys are added to {@code keys}. */
  void feed(byte[] bytes, int offset, int length, List<Key> keys) {
    for (int i = offset; i < offset + length; i++) {
      accept(bytes[i], keys);
    }
    flushText(keys, false);
  }

  /** The input ended: whatever is pending becomes a key. */
  void finish(List<Key> keys) {
    flushText(keys, true);
    if (state == State.PASTE) {
      keys.add(Key.paste(paste.string(0, paste.length)));
    }
    state = State.NORMAL;
  }

  private void accept(byte b, List<Key> keys) {
    switch (state) {
      case NORMAL -> normal(b, keys);
      case ESCAPE -> escape(b, keys);
      case CSI -> csi(b, keys);
      case SS3 -> {
        state = State.NORMAL;
        arrow(b, keys);
      }
      case PASTE -> {
        paste.add(b);
        if (paste.endsWith(PASTE_END)) {
          keys.add(Key.paste(paste.string(0, paste.length - PASTE_END.length)));
          paste.length = 0;
          state = State.NORMAL;
        }
      }
    }
  }

  private void normal(byte b, List<Key> keys) {
    boolean lineFeedAfterCr = afterCarriageReturn && b == '\n';
    afterCarriageReturn = b == '\r';
    if (lineFeedAfterCr) {
      return;
    }
    if (((b & 0xff) >= 0x20 && b != 0x7f) || b == '\t' || (b & 0x80) != 0) {
      addTextByte(b);
      return;
    }
    flushText(keys, true);
    switch (b) {
      case ESC -> state = State.ESCAPE;
      case 0x03 -> keys.add(Key.INTERRUPT);
      case 0x7f, 0x08 -> keys.add(Key.BACKSPACE);
      case '\r', '\n' -> keys.add(Key.ENTER);
      default -> {} // other control characters are ignored
    }
  }

  private void escape(byte b, List<Key> keys) {
    if (b == '[') {
      csi.setLength(0);
      state = State.CSI;
    } else if (b == 'O') {
      state = State.SS3;
    } else if (b != ESC) {
      state = State.NORMAL;
      if ((b & 0xff) < 0x20) {
        normal(b, keys); // ESC then Enter: the Enter still counts
      } // ESC + printable (Alt+key) is swallowed
    }
  }

  private void csi(byte b, List<Key> keys) {
    int u = b & 0xff;
    if (u >= 0x20 && u <= 0x3f) {
      if (csi.length() < MAX_CSI) {
        csi.append((char) u);
      }
    } else if (u >= 0x40 && u <= 0x7e) {
      state = State.NORMAL;
      if (u == '~' && csi.toString().equals("200")) {
        paste.length = 0;
        state = State.PASTE;
      } else {
        arrow(b, keys);
      }
    } else {
      state = State.NORMAL;
      normal(b, keys); // not a valid sequence: drop it, keep the byte
    }
  }

  private static void arrow(byte b, List<Key> keys) {
    switch (b) {
      case 'A' -> keys.add(Key.UP);
      case 'B' -> keys.add(Key.DOWN);
      case 'C' -> keys.add(Key.RIGHT);
      case 'D' -> keys.add(Key.LEFT);
      default -> {} // F-keys, Home, End, focus events…: recognised and ignored
    }
  }

  private void addTextByte(byte b) {
    int u = b & 0xff;
    if (continuationNeeded > 0 && (u & 0xc0) == 0x80) {
      continuationNeeded--;
    } else {
      charStart = text.length;
      continuationNeeded = u >= 0xf0 ? 3 : u >= 0xe0 ? 2 : u >= 0xc0 ? 1 : 0;
    }
    text.add(b);
  }

  /** Emits the complete characters; an unfinished UTF-8 sequence waits for the next read. */
  private void flushText(List<Key> keys, boolean force) {
    int complete = continuationNeeded > 0 && !force ? charStart : text.length;
    if (complete > 0) {
      keys.add(Key.text(text.string(0, complete)));
      text.removeFirst(complete);
      charStart = 0;
    }
    if (force) {
      continuationNeeded = 0;
    }
  }

  /** A growable byte array. */
  private static final class Bytes {
    byte[] data = new byte[64];
    int length;

    void add(byte b) {
      if (length == data.length) {
        data = java.util.Arrays.copyOf(data, length * 2);
      }
      data[length++] = b;
    }

    boolean endsWith(byte[] suffix) {
      if (length < suffix.length) {
        return false;
      }
      for (int i = 0; i < suffix.length; i++) {
        if (data[length - suffix.length + i] != suffix[i]) {
          return false;
        }
      }
      return true;
    }

    String string(int from, int to) {
      return new String(data, from, to - from, StandardCharsets.UTF_8);
    }

    void removeFirst(int count) {
      System.arraycopy(data, count, data, 0, length - count);
      length -= count;
    }
  }
}
