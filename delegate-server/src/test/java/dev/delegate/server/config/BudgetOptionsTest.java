package dev.delegate.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.delegate.core.agent.Budget;
import dev.delegate.server.launch.ServeCommand;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code serve --max-cost-usd/--max-credits}: the budget of jobs whose task names none. */
class BudgetOptionsTest {
  @TempDir Path dir;

  private ServerConfig serve(String... budget) {
    ServeCommand command = new ServeCommand();
    String[] args = new String[budget.length + 2];
    args[0] = "--data-dir";
    args[1] = dir.toString();
    System.arraycopy(budget, 0, args, 2, budget.length);
    new CommandLine(command).parseArgs(args);
    return command.toConfig();
  }

  @Test
  void should_give_jobs_the_processor_wide_budget() {
    Budget budget =
        serve("--max-cost-usd", "1.5", "--max-credits", "4").processor().settings().budget();

    assertThat(budget.maxCostUsd())
        .hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("1.5"));
    assertThat(budget.maxCredits())
        .hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("4"));
    assertThat(serve().processor().settings().budget()).isEqualTo(Budget.NONE);
  }

  @Test
  void should_refuse_a_limit_that_is_not_more_than_zero() {
    assertThatThrownBy(() -> serve("--max-credits", "-1"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("--max-credits must be more than 0, was -1");
  }
}
