package dev.delegate.testkit.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The model's answers for one conversation, in order. The server picks the step from the
 * conversation it receives: the number of answers the model already gave in it (assistant messages
 * and tool calls the CLI sends back). So a retried request gets the same answer again, a side
 * request (a title, a token count) does not move the scenario on, and a conversation cleared with
 * {@code /clear} starts the scenario from the beginning. Past the last step the model says {@link
 * #FINISHED}.
 */
public record Scenario(List<Step> steps) {
  public static final String FINISHED = "(the scenario has no more steps)";

  public Scenario {
    steps = List.copyOf(steps);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The step for a conversation in which the model already answered {@code answered} times. */
  public Step stepFor(Conversation conversation) {
    int index = conversation.modelAnswers();
    Step step = index < steps.size() ? steps.get(index) : Step.text(FINISHED);
    while (step instanceof Step.Dynamic dynamic) {
      step = dynamic.choose().apply(conversation);
    }
    return step;
  }

  /** Collects steps in order. */
  public static final class Builder {
    private final List<Step> steps = new ArrayList<>();

    public Builder text(String text) {
      return step(Step.text(text));
    }

    /** Plain text meant as a question to the user; the next step reads the answer. */
    public Builder question(String question) {
      return step(Step.text(question));
    }

    public Builder writeFile(String path, String content) {
      return step(Step.writeFile(path, content));
    }

    public Builder shell(String command) {
      return step(Step.shell(command));
    }

    public Builder then(java.util.function.Function<Conversation, Step> choose) {
      return step(Step.dynamic(choose));
    }

    public Builder step(Step step) {
      steps.add(step);
      return this;
    }

    public Scenario build() {
      return new Scenario(steps);
    }
  }
}
