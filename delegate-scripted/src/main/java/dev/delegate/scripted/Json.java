package dev.delegate.scripted;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small JSON reader and writer for the ACP wire (the module has no dependencies on purpose).
 * Objects read as {@code LinkedHashMap<String, Object>}, arrays as {@code ArrayList<Object>},
 * numbers as {@code Long} when integral and in range, else {@code BigDecimal}; {@code null} is Java
 * null. Bad input throws {@link JsonException} naming the offset and what was expected.
 */
final class Json {
  /** Deeper nesting is refused rather than risking the small thread stacks this JVM runs with. */
  static final int MAX_DEPTH = 100;

  private final String text;
  private int at;

  private Json(String text) {
    this.text = text;
  }

  /** One JSON value, with only whitespace around it. */
  static Object parse(String text) {
    Json reader = new Json(text);
    reader.skipSpace();
    Object value = reader.value(0);
    reader.skipSpace();
    if (reader.at < text.length()) {
      throw reader.error("end of input after the value");
    }
    return value;
  }

  /** An object from alternating keys and values: {@code Json.object("a", 1, "b", "x")}. */
  static Map<String, Object> object(Object... keysAndValues) {
    if (keysAndValues.length % 2 != 0) {
      throw new IllegalStateException("bug: Json.object takes keys and values in pairs");
    }
    Map<String, Object> object = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      object.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return object;
  }

  /** The value as an object, or null when it is something else (or absent). */
  @SuppressWarnings("unchecked")
  static Map<String, Object> asObject(Object value) {
    return value instanceof Map<?, ?> ? (Map<String, Object>) value : null;
  }

  /** The value as an array, or null when it is something else (or absent). */
  @SuppressWarnings("unchecked")
  static List<Object> asList(Object value) {
    return value instanceof List<?> ? (List<Object>) value : null;
  }

  static String write(Object value) {
    StringBuilder out = new StringBuilder(128);
    write(value, out);
    return out.toString();
  }

  static void write(Object value, StringBuilder out) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof String s) {
      writeString(s, out);
    } else if (value instanceof Boolean || value instanceof Long || value instanceof Integer) {
      out.append(value);
    } else if (value instanceof BigDecimal number) {
      out.append(number.toPlainString());
    } else if (value instanceof Double number) {
      if (number.isNaN() || number.isInfinite()) {
        throw new IllegalArgumentException("JSON has no " + number);
      }
      out.append(number);
    } else if (value instanceof Map<?, ?> map) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        if (!first) {
          out.append(',');
        }
        first = false;
        writeString((String) entry.getKey(), out);
        out.append(':');
        write(entry.getValue(), out);
      }
      out.append('}');
    } else if (value instanceof List<?> list) {
      out.append('[');
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        write(list.get(i), out);
      }
      out.append(']');
    } else {
      throw new IllegalArgumentException("cannot write " + value.getClass() + " as JSON");
    }
  }

  private static void writeString(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
            String hex = Integer.toHexString(c);
            out.append("\\u").append("0000", hex.length(), 4).append(hex);
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private Object value(int depth) {
    if (at >= text.length()) {
      throw error("a value");
    }
    char c = text.charAt(at);
    switch (c) {
      case '{' -> {
        return object(depth + 1);
      }
      case '[' -> {
        return array(depth + 1);
      }
      case '"' -> {
        return string();
      }
      case 't' -> {
        return literal("true", true);
      }
      case 'f' -> {
        return literal("false", false);
      }
      case 'n' -> {
        return literal("null", null);
      }
      default -> {
        if (c == '-' || (c >= '0' && c <= '9')) {
          return number();
        }
        throw error("a value");
      }
    }
  }

  private Map<String, Object> object(int depth) {
    checkDepth(depth);
    at++; // {
    Map<String, Object> object = new LinkedHashMap<>();
    skipSpace();
    if (peek() == '}') {
      at++;
      return object;
    }
    while (true) {
      skipSpace();
      if (peek() != '"') {
        throw error("a string key");
      }
      String key = string();
      skipSpace();
      expect(':');
      skipSpace();
      object.put(key, value(depth));
      skipSpace();
      if (peek() == ',') {
        at++;
      } else if (peek() == '}') {
        at++;
        return object;
      } else {
        throw error("',' or '}'");
      }
    }
  }

  private List<Object> array(int depth) {
    checkDepth(depth);
    at++; // [
    List<Object> array = new ArrayList<>();
    skipSpace();
    if (peek() == ']') {
      at++;
      return array;
    }
    while (true) {
      skipSpace();
      array.add(value(depth));
      skipSpace();
      if (peek() == ',') {
        at++;
      } else if (peek() == ']') {
        at++;
        return array;
      } else {
        throw error("',' or ']'");
      }
    }
  }

  private String string() {
    at++; // opening quote
    StringBuilder out = new StringBuilder();
    while (true) {
      if (at >= text.length()) {
        throw error("a closing '\"'");
      }
      char c = text.charAt(at++);
      if (c == '"') {
        return out.toString();
      }
      if (c < 0x20) {
        at--;
        throw error("no raw control character in a string (escape it)");
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      if (at >= text.length()) {
        throw error("an escape after '\\'");
      }
      char e = text.charAt(at++);
      switch (e) {
        case '"', '\\', '/' -> out.append(e);
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'u' -> out.append(hex4());
        default -> {
          at--;
          throw error("one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX");
        }
      }
    }
  }

  private char hex4() {
    if (at + 4 > text.length()) {
      throw error("four hex digits after \\u");
    }
    int value = 0;
    for (int i = 0; i < 4; i++) {
      int digit = Character.digit(text.charAt(at), 16);
      if (digit < 0) {
        throw error("four hex digits after \\u");
      }
      value = value * 16 + digit;
      at++;
    }
    return (char) value;
  }

  private Object number() {
    int start = at;
    if (peek() == '-') {
      at++;
    }
    if (peek() == '0') {
      at++;
    } else if (!digits()) {
      throw error("a digit");
    }
    boolean integral = true;
    if (peek() == '.') {
      at++;
      integral = false;
      if (!digits()) {
        throw error("a digit after '.'");
      }
    }
    if (peek() == 'e' || peek() == 'E') {
      at++;
      integral = false;
      if (peek() == '+' || peek() == '-') {
        at++;
      }
      if (!digits()) {
        throw error("a digit in the exponent");
      }
    }
    String number = text.substring(start, at);
    if (integral && number.length() <= 18) {
      return Long.parseLong(number);
    }
    try {
      return new BigDecimal(number);
    } catch (NumberFormatException | ArithmeticException e) {
      at = start;
      throw error("a number in range");
    }
  }

  private boolean digits() {
    int start = at;
    while (at < text.length() && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
      at++;
    }
    return at > start;
  }

  private Object literal(String word, Object value) {
    if (!text.startsWith(word, at)) {
      throw error("a value");
    }
    at += word.length();
    return value;
  }

  private void checkDepth(int depth) {
    if (depth > MAX_DEPTH) {
      throw error("at most " + MAX_DEPTH + " nested arrays and objects");
    }
  }

  private void expect(char c) {
    if (peek() != c) {
      throw error("'" + c + "'");
    }
    at++;
  }

  private char peek() {
    return at < text.length() ? text.charAt(at) : '\0';
  }

  private void skipSpace() {
    while (at < text.length()) {
      char c = text.charAt(at);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      at++;
    }
  }

  private JsonException error(String expected) {
    String found =
        at >= text.length()
            ? "the end of the input"
            : "'" + EventLog.escape(text.substring(at, Math.min(text.length(), at + 12))) + "'";
    return new JsonException(
        "bad JSON at offset " + at + ": expected " + expected + ", found " + found);
  }
}
