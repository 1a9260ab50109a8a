package dev.delegate.agent.profile;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A CLI's version number, ordered part by part as numbers ({@code 2.1.9 < 2.1.10}); missing parts
 * count as 0 ({@code 1.2 = 1.2.0}). A pre-release suffix sorts before its release ({@code
 * 1.2.3-beta.1 < 1.2.3}), its parts compared as semantic versioning says; build metadata ({@code
 * +build.5}) and a leading {@code v} are ignored.
 */
public final class VersionNumber implements Comparable<VersionNumber> {
  private static final Pattern FORM =
      Pattern.compile("v?(\\d+(?:\\.\\d+)*)(?:-([0-9A-Za-z.-]+))?(?:\\+[0-9A-Za-z.-]+)?");
  private static final Pattern NUMERIC = Pattern.compile("\\d+");

  private final String text;
  private final List<BigInteger> release;
  private final List<String> preRelease;

  private VersionNumber(String text, List<BigInteger> release, List<String> preRelease) {
    this.text = text;
    this.release = release;
    this.preRelease = preRelease;
  }

  /** The version in {@code text}, or empty when it is not a version number. */
  public static Optional<VersionNumber> parse(String text) {
    String trimmed = text == null ? "" : text.strip();
    var matcher = FORM.matcher(trimmed);
    if (!matcher.matches()) {
      return Optional.empty();
    }
    List<BigInteger> release =
        List.of(matcher.group(1).split("\\.")).stream().map(BigInteger::new).toList();
    List<String> pre =
        matcher.group(2) == null ? List.of() : List.of(matcher.group(2).split("\\."));
    if (pre.stream().anyMatch(String::isEmpty)) {
      return Optional.empty();
    }
    return Optional.of(new VersionNumber(trimmed, release, pre));
  }

  @Override
  public int compareTo(VersionNumber other) {
    int parts = Math.max(release.size(), other.release.size());
    for (int i = 0; i < parts; i++) {
      int order = part(release, i).compareTo(part(other.release, i));
      if (order != 0) {
        return order;
      }
    }
    if (preRelease.isEmpty() || other.preRelease.isEmpty()) {
      return Boolean.compare(preRelease.isEmpty(), other.preRelease.isEmpty());
    }
    for (int i = 0; i < Math.min(preRelease.size(), other.preRelease.size()); i++) {
      int order = compareIdentifiers(preRelease.get(i), other.preRelease.get(i));
      if (order != 0) {
        return order;
      }
    }
    return Integer.compare(preRelease.size(), other.preRelease.size());
  }

  /** True when this version lies between {@code from} and {@code to}, both included. */
  public boolean within(VersionNumber from, VersionNumber to) {
    return compareTo(from) >= 0 && compareTo(to) <= 0;
  }

  private static BigInteger part(List<BigInteger> parts, int index) {
    return index < parts.size() ? parts.get(index) : BigInteger.ZERO;
  }

  /** Numeric identifiers compare as numbers and sort before alphanumeric ones. */
  private static int compareIdentifiers(String a, String b) {
    boolean numericA = NUMERIC.matcher(a).matches();
    boolean numericB = NUMERIC.matcher(b).matches();
    if (numericA && numericB) {
      return new BigInteger(a).compareTo(new BigInteger(b));
    }
    if (numericA != numericB) {
      return numericA ? -1 : 1;
    }
    return a.compareTo(b);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof VersionNumber that && compareTo(that) == 0;
  }

  @Override
  public int hashCode() {
    List<BigInteger> trimmed = release;
    int end = trimmed.size();
    while (end > 1 && trimmed.get(end - 1).signum() == 0) {
      end--;
    }
    return trimmed.subList(0, end).hashCode(); // pre-release parts may be equal yet spelt apart
  }

  @Override
  public String toString() {
    return text;
  }
}
