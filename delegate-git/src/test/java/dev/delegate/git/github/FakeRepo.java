package dev.delegate.git.github;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One repository of the fake GitHub: branches, commits as file maps, pull requests, comments. */
final class FakeRepo {
  record Commit(String sha, String parent, Map<String, String> files, String message) {}

  record Pull(int number, String title, String body, String head, String base, String state) {}

  final String owner;
  final String name;
  final Map<String, String> branches = new TreeMap<>();
  final Map<String, Commit> commits = new HashMap<>();
  final List<Pull> pulls = new ArrayList<>();
  final Map<Integer, List<String>> comments = new HashMap<>();

  FakeRepo(String owner, String name, Map<String, String> files) {
    this.owner = owner;
    this.name = name;
    branches.put("main", commit(null, files, "Initial commit").sha());
  }

  Commit head(String branch) {
    return commits.get(branches.get(branch));
  }

  Commit commit(String parent, Map<String, String> files, String message) {
    String sha = sha1("commit " + parent + "\n" + message + "\n" + files + "\n" + commits.size());
    Commit commit = new Commit(sha, parent, Map.copyOf(files), message);
    commits.put(sha, commit);
    return commit;
  }

  /** Whether {@code ancestor} is {@code commit} or one of its parents. */
  boolean reaches(String commit, String ancestor) {
    for (String c = commit; c != null; c = commits.get(c).parent()) {
      if (c.equals(ancestor)) {
        return true;
      }
    }
    return false;
  }

  static String blobSha(String content) {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    return sha1("blob " + bytes.length + "\0" + content);
  }

  static String sha1(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-1");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
