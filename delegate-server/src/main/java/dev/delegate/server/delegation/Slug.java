package dev.delegate.server.delegation;

import dev.delegate.git.BranchName;
import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The branch-name slug of a task title: Unicode NFKD, combining marks (diacritics) removed, lower
 * case, every run of characters outside {@code [a-z0-9]} turned into one {@code -}, {@code -}
 * trimmed from both ends, at most {@value #MAX_LENGTH} characters (cut at a {@code -} when there is
 * one, never ending in {@code -}), and {@code task} when nothing is left.
 */
public final class Slug {
  public static final int MAX_LENGTH = 50;
  public static final String EMPTY = "task";
  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern OTHER = Pattern.compile("[^a-z0-9]+");

  private Slug() {}

  public static String of(String title) {
    String text = Normalizer.normalize(title == null ? "" : title, Normalizer.Form.NFKD);
    text = MARKS.matcher(text).replaceAll("").toLowerCase(Locale.ROOT);
    text = trimDashes(OTHER.matcher(text).replaceAll("-"));
    if (text.length() > MAX_LENGTH) {
      String cut = text.substring(0, MAX_LENGTH);
      int dash = cut.lastIndexOf('-');
      text = text.charAt(MAX_LENGTH) != '-' && dash > 0 ? cut.substring(0, dash) : cut;
      text = trimDashes(text);
    }
    return text.isEmpty() ? EMPTY : text;
  }

  /** {@code feature/{slug}-{epochMillis}}, checked against git's ref rules. */
  public static String branch(String title, long epochMillis) {
    return BranchName.validate("feature/" + of(title) + "-" + epochMillis);
  }

  private static String trimDashes(String text) {
    int start = 0;
    int end = text.length();
    while (start < end && text.charAt(start) == '-') {
      start++;
    }
    while (end > start && text.charAt(end - 1) == '-') {
      end--;
    }
    return text.substring(start, end);
  }
}
