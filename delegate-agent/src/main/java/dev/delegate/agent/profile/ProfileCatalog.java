package dev.delegate.agent.profile;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.delegate.core.PermanentException;
import dev.delegate.core.agent.AgentProfile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The agent profiles Delegate knows: the built-in ones and every {@code *.yaml} file in the user's
 * profile directory (a user file with a built-in's name replaces it). A profile may name another in
 * {@code extends}: its fields are merged over that one's (maps merge, lists and values replace).
 */
public final class ProfileCatalog {
  static final List<String> BUILT_IN =
      List.of(
          "kiro",
          "kiro-tui",
          "kiro-acp",
          "claude-code",
          "claude-acp",
          "codex",
          "codex-acp",
          "gemini-acp",
          "scripted",
          "scripted-tui",
          "scripted-acp");
  private static final String RESOURCE_DIR = "/dev/delegate/agent/profiles/";

  private final ObjectMapper yaml =
      YAMLMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
          .build();
  private final Map<String, ObjectNode> sources = new LinkedHashMap<>();
  private final Map<String, String> origins = new LinkedHashMap<>();

  private ProfileCatalog() {}

  /** The built-in profiles plus those in {@code userDirectory}, when it exists. */
  public static ProfileCatalog load(Optional<Path> userDirectory) {
    ProfileCatalog catalog = new ProfileCatalog();
    for (String name : BUILT_IN) {
      catalog.addBuiltIn(name);
    }
    userDirectory.filter(Files::isDirectory).ifPresent(catalog::addDirectory);
    return catalog;
  }

  public List<String> names() {
    return List.copyOf(sources.keySet());
  }

  /**
   * The named profile with {@code extends} resolved and variables replaced.
   *
   * @throws PermanentException when there is no such profile or it is not valid
   */
  public AgentProfile get(String name, ProfileVariables variables) {
    ObjectNode merged = resolve(name, new HashSet<>());
    merged.remove("extends");
    ObjectNode substituted = (ObjectNode) variables.substitute(merged);
    try {
      return yaml.treeToValue(substituted, AgentProfile.class);
    } catch (IOException | IllegalArgumentException e) {
      throw new PermanentException(
          "agent profile '" + name + "' (" + origins.get(name) + ") is not valid: " + message(e),
          e);
    }
  }

  private ObjectNode resolve(String name, Set<String> seen) {
    ObjectNode source = sources.get(name);
    if (source == null) {
      throw new PermanentException(
          "unknown agent profile '" + name + "'; known profiles: " + String.join(", ", names()));
    }
    if (!seen.add(name)) {
      throw new PermanentException("agent profile '" + name + "' extends itself through " + seen);
    }
    JsonNode parent = source.get("extends");
    if (parent == null || parent.isNull()) {
      return source.deepCopy();
    }
    ObjectNode base = resolve(parent.asText(), seen);
    return JsonMerge.mergeInto(base, source);
  }

  private void addBuiltIn(String name) {
    String resource = RESOURCE_DIR + name + ".yaml";
    try (InputStream in = ProfileCatalog.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("built-in profile missing from the jar: " + resource);
      }
      add(yaml.readTree(in), "built-in " + name + ".yaml");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void addDirectory(Path directory) {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> listing = Files.list(directory)) {
      listing
          .filter(p -> p.getFileName().toString().endsWith(".yaml"))
          .sorted()
          .forEach(files::add);
    } catch (IOException e) {
      throw new PermanentException("cannot list agent profiles in " + directory + ": " + e, e);
    }
    for (Path file : files) {
      try {
        add(yaml.readTree(file.toFile()), file.toString());
      } catch (IOException e) {
        throw new PermanentException(
            "agent profile " + file + " is not valid YAML: " + message(e), e);
      }
    }
  }

  private void add(JsonNode tree, String origin) {
    if (!(tree instanceof ObjectNode node) || !node.hasNonNull("name")) {
      throw new PermanentException("agent profile " + origin + " has no 'name'");
    }
    String name = node.get("name").asText();
    sources.put(name, node);
    origins.put(name, origin);
  }

  private static String message(Exception e) {
    String text = e.getMessage() == null ? e.toString() : e.getMessage();
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }
}
