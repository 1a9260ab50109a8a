package dev.delegate.scripted;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioCatalogTest {
  @TempDir Path tmp;

  @Test
  void should_list_every_built_in_file_in_the_index_and_parse_them_all() throws Exception {
    Path folder =
        Path.of(new File(ScriptedAgentCommand.classPath()).getPath(), ScenarioCatalog.RESOURCES);
    List<String> files;
    try (Stream<Path> list = Files.list(folder)) {
      files =
          list.map(path -> path.getFileName().toString())
              .filter(name -> name.endsWith(".scenario"))
              .map(name -> name.replace(".scenario", ""))
              .sorted()
              .toList();
    }
    assertThat(ScenarioCatalog.builtInNames()).isEqualTo(files);
    List<String> errors = new ArrayList<>();
    assertThat(new ScenarioCatalog(null).all(errors)).hasSize(files.size());
    assertThat(errors).isEmpty();
  }

  @Test
  void should_choose_built_ins_by_their_match_lines() {
    assertThat(chosen(null, "Read TASK.md and implement the feature. Add an Export Button"))
        .isEqualTo("export-button");
    assertThat(chosen(null, "zero-think")).isEqualTo("zero-think");
    assertThat(chosen(null, "scenario:think-30")).isEqualTo("think");
    assertThat(chosen(null, "SCENARIO:DENY")).isEqualTo("deny-me");
    assertThat(chosen(null, "anything else")).isEqualTo("default");
    ScenarioCatalog.Choice think =
        new ScenarioCatalog(null).choose("x scenario:think-12", new ArrayList<>());
    assertThat(think.match.group(1)).isEqualTo("12");
  }

  @Test
  void should_prefer_the_users_scenarios_and_let_them_replace_built_ins() throws Exception {
    Files.writeString(tmp.resolve("b-mine.scenario"), "match zero\nreply mine\n");
    Files.writeString(tmp.resolve("a-broken.scenario"), "match zero\nnonsense\n");
    Files.writeString(tmp.resolve("default.scenario"), "reply my default\n");
    List<String> errors = new ArrayList<>();
    ScenarioCatalog catalog = new ScenarioCatalog(tmp.toFile());
    assertThat(catalog.choose("zero-think", errors).scenario.name).isEqualTo("b-mine");
    assertThat(catalog.choose("something", errors).scenario.origin)
        .isEqualTo(tmp.resolve("default.scenario").toString());
    assertThat(errors).hasSize(2).allMatch(error -> error.contains("a-broken.scenario:2:"));
  }

  private String chosen(File dir, String prompt) {
    return new ScenarioCatalog(dir).choose(prompt, new ArrayList<>()).scenario.name;
  }
}
