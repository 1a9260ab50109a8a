package dev.delegate.server.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * Says which options a command does not know before anything else is said about its command line:
 * {@code submit --titel X} is first {@code unknown option '--titel' (did you mean --title?)}, not
 * only "missing --title". Other mistakes are said as picocli says them, with the command's usage.
 */
public final class UnknownOptions implements IParameterExceptionHandler {

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine command = ex.getCommandLine();
    PrintWriter err = command.getErr();
    CommandSpec spec = command.getCommandSpec();
    List<String> unknown = unknown(spec, args);
    if (unknown.isEmpty()) {
      err.println(ex.getMessage());
      command.usage(err);
    } else {
      for (String option : unknown) {
        err.println(
            "delegate: unknown option '"
                + option
                + "'"
                + suggestion(spec, option).map(s -> " (did you mean " + s + "?)").orElse(""));
      }
      if (!(ex instanceof CommandLine.UnmatchedArgumentException)) {
        err.println("delegate: " + ex.getMessage());
      }
      err.println("See '" + spec.qualifiedName() + " --help'.");
    }
    err.flush();
    return command.getCommandSpec().exitCodeOnInvalidInput();
  }

  /** The options in {@code args} that {@code failing}, the command they were parsed for, lacks. */
  static List<String> unknown(CommandSpec failing, String[] args) {
    CommandSpec current = failing.root();
    List<String> own = new ArrayList<>();
    for (String arg : args) {
      if (arg.equals("--")) {
        break;
      }
      CommandLine sub = current.subcommands().get(arg);
      if (sub != null && own.stream().noneMatch(a -> a.startsWith("-"))) {
        current = sub.getCommandSpec();
        own.clear();
      } else {
        own.add(arg);
      }
    }
    if (current != failing) {
      return List.of();
    }
    List<String> unknown = new ArrayList<>();
    for (int i = 0; i < own.size(); i++) {
      String arg = own.get(i);
      if (!arg.startsWith("-") || arg.equals("-")) {
        continue;
      }
      int equals = arg.indexOf('=');
      String name = equals > 0 ? arg.substring(0, equals) : arg;
      OptionSpec option = current.findOption(name);
      if (option == null) {
        unknown.add(name);
      } else if (equals < 0 && option.arity().max() > 0 && !option.typeInfo().isBoolean()) {
        i++; // its value, whatever it looks like
      }
    }
    return unknown;
  }

  /** The command's option nearest to {@code typed}, when it is a likely typo of it. */
  static Optional<String> suggestion(CommandSpec spec, String typed) {
    record Near(String name, int distance) {}
    return spec.options().stream()
        .flatMap(o -> List.of(o.names()).stream())
        .filter(name -> name.startsWith("--"))
        .map(name -> new Near(name, distance(name, typed)))
        .filter(near -> near.distance() <= Math.max(2, typed.length() / 4))
        .min(Comparator.comparingInt(Near::distance))
        .map(Near::name);
  }

  /** Levenshtein distance: the fewest one-letter inserts, deletes and changes from a to b. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] row = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      row[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int change = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        row[j] = Math.min(change, Math.min(previous[j], row[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = row;
      row = swap;
    }
    return previous[b.length()];
  }
}
