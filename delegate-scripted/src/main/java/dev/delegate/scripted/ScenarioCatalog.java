package dev.delegate.scripted;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.MatchResult;

/**
 * The scenarios to choose from: the user's directory (re-read every turn, so files can change while
 * the agent runs) before the built-ins (parsed once, on first use). A user file named like a
 * built-in replaces it. Within each group the order is by file name.
 */
final class ScenarioCatalog {
  static final String RESOURCES = "/dev/delegate/scripted/scenarios/";
  static final String SUFFIX = ".scenario";

  private final File userDir;
  private List<Scenario> builtIns;

  ScenarioCatalog(File userDir) {
    this.userDir = userDir;
  }

  /** The scenario chosen for a prompt, with the regex match (null for the default). */
  static final class Choice {
    final Scenario scenario;
    final MatchResult match;

    Choice(Scenario scenario, MatchResult match) {
      this.scenario = scenario;
      this.match = match;
    }
  }

  /** The first scenario whose regex finds a match; else {@code default}; null if neither. */
  Choice choose(String prompt, List<String> errors) {
    List<Scenario> all = all(errors);
    for (int i = 0; i < all.size(); i++) {
      MatchResult match = all.get(i).match(prompt);
      if (match != null) {
        return new Choice(all.get(i), match);
      }
    }
    for (int i = 0; i < all.size(); i++) {
      if (all.get(i).name.equals(Scenario.DEFAULT)) {
        return new Choice(all.get(i), null);
      }
    }
    return null;
  }

  /** Every scenario in choosing order; problems with files are added to {@code errors}. */
  List<Scenario> all(List<String> errors) {
    List<Scenario> all = new ArrayList<>(userScenarios(errors));
    for (Scenario builtIn : builtIns(errors)) {
      if (!containsName(all, builtIn.name)) {
        all.add(builtIn);
      }
    }
    return all;
  }

  private List<Scenario> userScenarios(List<String> errors) {
    List<Scenario> scenarios = new ArrayList<>();
    String[] names = userDir == null ? null : userDir.list();
    if (names == null) {
      return scenarios;
    }
    Arrays.sort(names);
    for (String file : names) {
      if (file.endsWith(SUFFIX)) {
        File path = new File(userDir, file);
        try {
          String text = Files.readString(path.toPath(), StandardCharsets.UTF_8);
          scenarios.add(ScenarioParser.parse(baseName(file), path.getPath(), text));
        } catch (IOException | ScenarioException e) {
          errors.add(e.getMessage());
        }
      }
    }
    return scenarios;
  }

  private List<Scenario> builtIns(List<String> errors) {
    if (builtIns == null) {
      List<Scenario> loaded = new ArrayList<>();
      for (String name : builtInNames()) {
        try {
          loaded.add(ScenarioParser.parse(name, "builtin:" + name, resource(name + SUFFIX)));
        } catch (IOException | ScenarioException e) {
          errors.add(e.getMessage());
        }
      }
      builtIns = loaded;
    }
    return builtIns;
  }

  /** The names listed in the {@code INDEX} resource (a jar cannot list a folder cheaply). */
  static List<String> builtInNames() {
    List<String> names = new ArrayList<>();
    try {
      for (String line : resource("INDEX").split("\n")) {
        if (!line.isBlank() && !line.startsWith("#")) {
          names.add(line.strip());
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("bug: the built-in scenario INDEX is missing", e);
    }
    names.sort(null);
    return names;
  }

  static String resource(String name) throws IOException {
    try (InputStream in = ScenarioCatalog.class.getResourceAsStream(RESOURCES + name)) {
      if (in == null) {
        throw new IOException("no resource " + RESOURCES + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static boolean containsName(List<Scenario> scenarios, String name) {
    for (Scenario scenario : scenarios) {
      if (scenario.name.equals(name)) {
        return true;
      }
    }
    return false;
  }

  private static String baseName(String file) {
    return file.substring(0, file.length() - SUFFIX.length());
  }
}
