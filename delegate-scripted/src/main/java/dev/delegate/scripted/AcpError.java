package dev.delegate.scripted;

/** A JSON-RPC error answer to a request: its code and a message a person can act on. */
final class AcpError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  static final int PARSE_ERROR = -32700;
  static final int INVALID_REQUEST = -32600;
  static final int METHOD_NOT_FOUND = -32601;
  static final int INVALID_PARAMS = -32602;
  static final int INTERNAL_ERROR = -32603;

  final int code;

  AcpError(int code, String message) {
    super(message, null, false, false);
    this.code = code;
  }
}
