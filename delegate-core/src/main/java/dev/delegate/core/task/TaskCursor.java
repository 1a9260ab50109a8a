package dev.delegate.core.task;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

/**
 * Where a page of tasks ended: the last task's creation time and id. Tasks are listed newest first
 * by {@code (createdAt, id)}, a total order, so the next page starts strictly after this key and a
 * task created meanwhile (newer) never shifts a page: nothing is skipped or repeated.
 */
public record TaskCursor(Instant createdAt, String id) {
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final int MAX_TEXT = 400;

  public TaskCursor {
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(id, "id");
  }

  /** The key of {@code task}: the next page starts after it. */
  public static TaskCursor after(StoredTask task) {
    return new TaskCursor(task.createdAt(), task.id());
  }

  /** An opaque, URL-safe text: base64url of {@code <epochMillis>:<id>}. */
  public String encode() {
    return ENCODER.encodeToString(
        (createdAt.toEpochMilli() + ":" + id).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The cursor {@link #encode} wrote.
   *
   * @throws IllegalArgumentException when {@code text} is not one
   */
  public static TaskCursor parse(String text) {
    if (text == null || text.isEmpty() || text.length() > MAX_TEXT) {
      throw new IllegalArgumentException("not a cursor of this list: '" + text + "'");
    }
    try {
      String key = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
      int colon = key.indexOf(':');
      String id = key.substring(colon + 1);
      if (colon <= 0 || id.isEmpty()) {
        throw new IllegalArgumentException("no key");
      }
      return new TaskCursor(Instant.ofEpochMilli(Long.parseLong(key.substring(0, colon))), id);
    } catch (IllegalArgumentException | java.time.DateTimeException e) {
      throw new IllegalArgumentException(
          "not a cursor of this list: '" + text + "'; pass the 'next' of the previous page", e);
    }
  }
}
