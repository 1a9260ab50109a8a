package dev.delegate.server.http;

/** A request that cannot be served as sent, answered with a status and a stable error body. */
public final class ApiException extends RuntimeException {
  private final int status;
  private final String code;

  public ApiException(int status, String code, String message) {
    super(message);
    this.status = status;
    this.code = code;
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
}
