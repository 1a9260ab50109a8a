package dev.delegate.scripted;

import java.util.Map;

/**
 * {@code ${name}} substitution in step arguments. Only known names are replaced; any other {@code
 * ${...}} (a JavaScript template literal, say) is left alone; <code>$${</code> gives a literal
 * <code>${</code>.
 */
final class Template {
  private Template() {}

  static String expand(String text, Map<String, String> vars) {
    if (text == null || text.indexOf('$') < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length() + 32);
    int i = 0;
    while (i < text.length()) {
      if (text.startsWith("$${", i)) {
        out.append("${");
        i += 3;
        continue;
      }
      if (text.startsWith("${", i)) {
        int close = text.indexOf('}', i + 2);
        String value = close < 0 ? null : vars.get(text.substring(i + 2, close));
        if (value != null) {
          out.append(value);
          i = close + 1;
          continue;
        }
      }
      out.append(text.charAt(i++));
    }
    return out.toString();
  }

  /** Marks text as literal: after this, {@link #expand} gives it back unchanged. */
  static String literal(String text) {
    return text.replace("${", "$${");
  }
}
