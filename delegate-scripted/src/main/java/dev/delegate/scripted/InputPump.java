package dev.delegate.scripted;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** The one extra thread: reads standard input, decodes it and queues the keys. */
final class InputPump implements Runnable {
  private final InputStream in;
  private final Keys keys;

  InputPump(InputStream in, Keys keys) {
    this.in = in;
    this.keys = keys;
  }

  static void start(Keys keys) {
    Thread thread = new Thread(new InputPump(new FileInputStream(FileDescriptor.in), keys), "keys");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void run() {
    KeyDecoder decoder = new KeyDecoder();
    List<Key> decoded = new ArrayList<>();
    byte[] buffer = new byte[4096];
    try {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        decoder.feed(buffer, 0, n, decoded);
        putAll(decoded);
      }
    } catch (IOException e) {
      // the terminal went away: same as end of input
    }
    decoder.finish(decoded);
    putAll(decoded);
    keys.end();
  }

  private void putAll(List<Key> decoded) {
    for (int i = 0; i < decoded.size(); i++) {
      keys.put(decoded.get(i));
    }
    decoded.clear();
  }
}
