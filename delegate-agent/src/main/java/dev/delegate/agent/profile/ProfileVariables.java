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
 * Replaces {@code ${name}} in a profile's command, args and env: {@code ${java}} (this JVM's java
 * launcher), {@code ${scripted.classpath}} (where the scripted agent's classes are) and {@code
 * ${env:NAME}} (an environment variable, so keys stay out of profile files). Patterns and keys are
 * left alone.
 */
public final class ProfileVariables {
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([\\w.:-]+)}");
  private static final java.util.Set<String> SUBSTITUTED =
      java.util.Set.of("command", "args", "env");

  private final Map<String, String> values;
  private final Function<String, String> environment;

  public ProfileVariables(Map<String, String> values, Function<String, String> environment) {
    this.values = Map.copyOf(values);
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
    for (String field : SUBSTITUTED) {
      if (copy.has(field)) {
        copy.set(field, replaceIn(copy.get(field)));
      }
    }
    return copy;
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
    Matcher matcher = VARIABLE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      matcher.appendReplacement(out, Matcher.quoteReplacement(valueOf(matcher.group(1))));
    }
    return matcher.appendTail(out).toString();
  }

  private String valueOf(String name) {
    if (name.startsWith("env:")) {
      String value = environment.apply(name.substring(4));
      if (value == null) {
        throw new PermanentException(
            "agent profile needs environment variable " + name.substring(4) + ", which is not set");
      }
      return value;
    }
    String value = values.get(name);
    if (value == null) {
      throw new PermanentException(
          "agent profile uses unknown variable ${" + name + "}; known: " + values.keySet());
    }
    return value;
  }
}
