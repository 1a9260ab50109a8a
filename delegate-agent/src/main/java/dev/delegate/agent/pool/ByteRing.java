package dev.delegate.agent.pool;

/** The last {@code capacity} bytes written; older ones are dropped and counted. Not thread-safe. */
final class ByteRing {
  private static final int FIRST_SIZE = 8 * 1024;

  private final int capacity;
  private byte[] buffer = new byte[0];
  private int start;
  private int size;
  private long dropped;

  ByteRing(int capacity) {
    this.capacity = capacity;
  }

  void write(byte[] raw, int length) {
    int offset = 0;
    if (length > capacity) {
      dropped += size + (length - capacity);
      offset = length - capacity;
      length = capacity;
      start = 0;
      size = 0;
    }
    grow(size + length);
    int overflow = size + length - buffer.length;
    if (overflow > 0) {
      start = (start + overflow) % buffer.length;
      size -= overflow;
      dropped += overflow;
    }
    int end = (start + size) % buffer.length;
    int first = Math.min(length, buffer.length - end);
    System.arraycopy(raw, offset, buffer, end, first);
    System.arraycopy(raw, offset + first, buffer, 0, length - first);
    size += length;
  }

  /** The buffered bytes, oldest first. */
  byte[] snapshot() {
    byte[] copy = new byte[size];
    int first = Math.min(size, buffer.length - start);
    System.arraycopy(buffer, start, copy, 0, first);
    System.arraycopy(buffer, 0, copy, first, size - first);
    return copy;
  }

  long dropped() {
    return dropped;
  }

  /** Grows the array (kept linear from {@code start}) until it holds {@code needed} or is full. */
  private void grow(int needed) {
    if (needed <= buffer.length || buffer.length == capacity) {
      return;
    }
    int length = Math.min(capacity, Math.max(buffer.length, FIRST_SIZE));
    while (length < needed && length < capacity) {
      length = Math.min(capacity, length * 2);
    }
    byte[] larger = new byte[length];
    byte[] current = snapshot();
    System.arraycopy(current, 0, larger, 0, current.length);
    buffer = larger;
    start = 0;
  }
}
