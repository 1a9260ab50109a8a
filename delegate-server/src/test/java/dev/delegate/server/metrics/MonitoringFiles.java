package dev.delegate.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Grafana dashboard ({@code deploy/grafana/delegate.json}) and the Prometheus alert rules
 * ({@code deploy/prometheus/alerts.yml}), read and checked for form: what they query is returned,
 * by where it stands, for the caller to check against a scrape.
 */
final class MonitoringFiles {
  private static final Set<String> SEVERITIES = Set.of("warning", "critical");

  private MonitoringFiles() {}

  static Path deploy() {
    return Path.of("").toAbsolutePath().getParent().resolve("deploy");
  }

  /** Each panel's queries, by "panel title / refId"; the dashboard's form is checked. */
  static Map<String, String> dashboardQueries() throws IOException {
    JsonNode dashboard =
        new ObjectMapper().readTree(deploy().resolve("grafana/delegate.json").toFile());
    assertThat(dashboard.path("title").asText()).isEqualTo("Delegate");
    assertThat(dashboard.path("uid").asText()).isNotBlank();
    Map<String, String> queries = new LinkedHashMap<>();
    Set<Integer> ids = new HashSet<>();
    for (JsonNode panel : dashboard.path("panels")) {
      String title = panel.path("title").asText();
      assertThat(ids.add(panel.path("id").asInt()))
          .as("panel id of " + title + " is unique")
          .isTrue();
      JsonNode grid = panel.path("gridPos");
      assertThat(grid.path("x").asInt() + grid.path("w").asInt())
          .as(title + " fits the 24 columns")
          .isBetween(1, 24);
      if (panel.path("type").asText().equals("row")) {
        continue;
      }
      assertThat(panel.path("targets")).as(title + " has queries").isNotEmpty();
      for (JsonNode target : panel.path("targets")) {
        String expr = target.path("expr").asText();
        assertThat(expr).as(title).isNotBlank();
        queries.put(title + " / " + target.path("refId").asText(), expr);
      }
    }
    assertThat(queries).as("queries of the dashboard").hasSizeGreaterThan(10);
    return queries;
  }

  /** Each rule's expression, by alert name; every rule's form is checked. */
  static Map<String, String> alertExpressions() throws IOException {
    JsonNode rules =
        new ObjectMapper(new YAMLFactory())
            .readTree(deploy().resolve("prometheus/alerts.yml").toFile());
    Map<String, String> expressions = new LinkedHashMap<>();
    List<String> names = new ArrayList<>();
    for (JsonNode group : rules.path("groups")) {
      assertThat(group.path("name").asText()).isNotBlank();
      for (JsonNode rule : group.path("rules")) {
        String alert = rule.path("alert").asText();
        assertThat(alert).matches("Delegate[A-Za-z]+");
        names.add(alert);
        assertThat(SEVERITIES)
            .as(alert + " severity")
            .contains(rule.path("labels").path("severity").asText());
        assertThat(rule.path("annotations").path("summary").asText()).as(alert).isNotBlank();
        if (rule.has("for")) {
          assertThat(rule.path("for").asText()).as(alert + " for").matches("\\d+[smh]");
        }
        expressions.put(alert, rule.path("expr").asText());
      }
    }
    assertThat(names).doesNotHaveDuplicates();
    return expressions;
  }
}
