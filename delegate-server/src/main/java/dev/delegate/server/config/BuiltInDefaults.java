package dev.delegate.server.config;

import dev.delegate.core.DurationText;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * An option's built-in default, as {@code --help} shows it and as {@link ConfigDefaults} falls back
 * to: the option's {@code defaultValue}, else its field's initial value. A setting's option starts
 * as its settings record's {@code DEFAULT_*} constant, so that the default is written once, in the
 * record; a duration is written as the command line takes it ({@code 30s}, {@code 5m}, {@code 2h}).
 */
public final class BuiltInDefaults implements IDefaultValueProvider {

  @Override
  public String defaultValue(ArgSpec arg) {
    return of(arg);
  }

  public static String of(ArgSpec arg) {
    if (arg.defaultValue() != null) {
      return arg.defaultValue();
    }
    if (arg instanceof OptionSpec option && (option.usageHelp() || option.versionHelp())) {
      return null;
    }
    Object initial = arg.initialValue();
    if (initial instanceof Duration duration) {
      return DurationText.of(duration);
    }
    if (initial == null || initial instanceof Collection<?> || initial instanceof Map<?, ?>) {
      return null;
    }
    return String.valueOf(initial);
  }
}
