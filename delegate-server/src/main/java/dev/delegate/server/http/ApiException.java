package dev.delegate.server.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request that cannot be served as sent, answered with a status and a stable error body; {@code
 * fields} (field name to message) is added to the body as {@code "fields"} when not empty.
 */
public final class ApiException extends RuntimeException {
  private final int status;
  private final String code;
  private final Map<String, String> fields;

  public ApiException(int status, String code, String message) {
    this(status, code, message, Map.of());
  }

  public ApiException(int status, String code, String message, Map<String, String> fields) {
    super(message);
    this.status = status;
    this.code = code;
    this.fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  public static ApiException badRequest(String code, String message) {
    return new ApiException(400, code, message);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public Map<String, String> fields() {
    return fields;
  }
}
