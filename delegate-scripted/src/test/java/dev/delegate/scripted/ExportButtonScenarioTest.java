package dev.delegate.scripted;

import static dev.delegate.scripted.AgentProcess.ENTER;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seed's "Add Export Button" example against the shipped sample app. */
class ExportButtonScenarioTest {
  static final String APP_JS = "apps/frontend/public/app.js";

  @TempDir Path tmp;

  @Test
  void should_find_every_edit_of_the_scenario_in_the_sample_app() throws Exception {
    Scenario scenario =
        ScenarioParser.parse(
            "export-button", "builtin", ScenarioCatalog.resource("export-button.scenario"));
    String app = SampleApp.read(APP_JS);
    for (Step step : scenario.steps) {
      if (step.kind == Step.Kind.EDIT) {
        assertThat(step.arg).isEqualTo(APP_JS);
        String find = Template.expand(step.text, Map.of());
        assertThat(app).contains(find);
        app = app.replace(find, Template.expand(step.replacement, Map.of()));
      }
    }
    assertThat(app)
        .contains("id=\"export-button\">Export</button>")
        .contains("function exportData");
  }

  @Test
  void should_add_the_export_button_to_the_sample_app_with_one_approval_per_write()
      throws Exception {
    Path work = Files.createDirectories(tmp.resolve("repo"));
    SampleApp.copyTo(work);
    assertThat(SampleApp.files()).allMatch(file -> Files.isRegularFile(work.resolve(file)));
    Files.writeString(work.resolve("TASK.md"), "# Add Export Button\n\nAdd an export button\n");
    try (AgentProcess agent = AgentProcess.start(work)) {
      agent.awaitPrompt(0);
      int mark = agent.mark();
      agent.type("Read TASK.md and implement the feature. Add an export button to the UI" + ENTER);
      agent.awaitTextSince(mark, "[y/n/t]: ");
      agent.type("y" + ENTER);
      agent.awaitTextSince(mark, "(replaced 1 occurrence)");
      agent.type("y" + ENTER);
      agent.awaitPrompt(mark);
      String output = agent.plainSince(mark);
      assertThat(output)
          .contains("🛠️  Using tool: fs_read (trusted)\n ● Reading file: TASK.md, all lines\n")
          .contains("    # Add Export Button\n")
          .contains("I'll add an export button to the header")
          .doesNotContain("Cannot edit")
          .contains("Added an Export button to the header");
      assertThat(agent.events())
          .containsExactly(
              "PROMPT Read TASK.md and implement the feature. Add an export button to the UI",
              "APPROVAL fs_write y",
              "APPROVAL fs_write y");
    }
    assertThat(work.resolve(APP_JS))
        .content()
        .contains("<button class=\"btn\" id=\"export-button\">Export</button>")
        .contains("addEventListener('click', exportData)");
  }
}
