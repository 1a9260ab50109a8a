package dev.delegate.agent.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.delegate.core.PermanentException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${name}} in a profile's command, args and env, and in its version check's
 * command, args and tested range: {@code ${java}} (this JVM's java launcher), {@code
 * ${scripted.classpath}} (where the scripted agent's classes are), {@code ${delegate.version}} (the
 * version of Delegate itself, always known) and {@code ${env:NAME}} (an environment variable, so
 * keys stay out of profile files; {@code ${env:NAME:-default}} when it may be unset). Patterns and
 * keys are left alone, and so are the session variables {@code ${home}} and {@code ${workdir}},
 * which each session fills in when it starts (see {@link #expand}).
 */
public final class ProfileVariables {
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]+)}");

  /** Known to each session only: its home directory and its working directory. */
  public static final java.util.Set<String> SESSION = java.util.Set.of("home", "workdir");

  private static final java.util.Set<String> SUBSTITUTED =
      java.util.Set.of("command", "args", "env");

  /** In {@code version}: not its pattern. */
  private static final java.util.Set<String> SUBSTITUTED_IN_VERSION =
      java.util.Set.of("command", "args", "tested");

  public static final String DELEGATE_VERSION = "delegate.version";

  private final Map<String, String> values;
  private final Function<String, String> environment;

  public ProfileVariables(Map<String, String> values, Function<String, String> environment) {
    Map<String, String> known = new java.util.HashMap<>(values);
    known.putIfAbsent(DELEGATE_VERSION, DelegateVersion.current());
    this.values = Map.copyOf(known);
    this.environment = environment;
  }

  /** {@code ${java}} and {@code ${scripted.classpath}} for this JVM, and the real environment. */
  public static ProfileVariables forThisJvm() {
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    return new ProfileVariables(
        Map.of("java", java, "scripted.classpath", ScriptedAgentLocation.classpath()),
        System::getenv);
  }

  JsonNode substitute(ObjectNode profile) {
    ObjectNode copy = profile.deepCopy();
    replaceFields(copy, SUBSTITUTED);
    if (copy.get("version") instanceof ObjectNode version) {
      replaceFields(version, SUBSTITUTED_IN_VERSION);
    }
    return copy;
  }

  private void replaceFields(ObjectNode node, java.util.Set<String> fields) {
    for (String field : fields) {
      if (node.has(field)) {
        node.set(field, replaceIn(node.get(field)));
      }
    }
  }

  private JsonNode replaceIn(JsonNode node) {
    if (node.isTextual()) {
      return TextNode.valueOf(replace(node.asText()));
    }
    if (node instanceof ArrayNode array) {
      ArrayNode out = array.arrayNode();
      array.forEach(element -> out.add(replaceIn(element)));
      return out;
    }
    if (node instanceof ObjectNode object) {
      ObjectNode out = object.objectNode();
      object.properties().forEach(e -> out.set(e.getKey(), replaceIn(e.getValue())));
      return out;
    }
    return node;
  }

  String replace(String text) {
    return expand(
        text, name -> SESSION.contains(name) ? "${" + name + "}" : valueOf(name), environment);
  }

  /**
   * Replaces every {@code ${name}} in {@code text}: {@code ${env:NAME}}, {@code
   * ${env:NAME:-default}} and {@code ${env:NAME|last:N}} (the last N characters) from {@code
   * environment}, every other name through {@code values}.
   *
   * @throws PermanentException when a variable is unknown or an environment variable without a
   *     default is not set
   */
  public static String expand(
      String text, Function<String, String> values, Function<String, String> environment) {
    Matcher matcher = VARIABLE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String name = matcher.group(1);
      String value =
          name.startsWith("env:") ? env(name.substring(4), environment) : values.apply(name);
      matcher.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    return matcher.appendTail(out).toString();
  }

  private static String env(String spec, Function<String, String> environment) {
    int bar = spec.indexOf('|');
    String filter = bar < 0 ? "" : spec.substring(bar + 1);
    String nameAndDefault = bar < 0 ? spec : spec.substring(0, bar);
    int dflt = nameAndDefault.indexOf(":-");
    String name = dflt < 0 ? nameAndDefault : nameAndDefault.substring(0, dflt);
    String value = environment.apply(name);
    if (value == null || (dflt >= 0 && value.isEmpty())) {
      if (dflt < 0) {
        throw new PermanentException(
            "agent profile needs environment variable " + name + ", which is not set");
      }
      value = nameAndDefault.substring(dflt + 2);
    }
    if (filter.isEmpty()) {
      return value;
    }
    if (!filter.matches("last:\\d{1,4}")) {
      throw new PermanentException(
          "agent profile: unknown filter '|" + filter + "' in ${env:" + spec + "}");
    }
    int n = Integer.parseInt(filter.substring(5));
    return value.length() <= n ? value : value.substring(value.length() - n);
  }

  private String valueOf(String name) {
    String value = values.get(name);
    if (value == null) {
      throw new PermanentException(
          "agent profile uses unknown variable ${" + name + "}; known: " + values.keySet());
    }
    return value;
  }
}
