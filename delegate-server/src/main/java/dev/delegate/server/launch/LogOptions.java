package dev.delegate.server.launch;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import dev.delegate.server.config.ConfigException;
import java.util.List;
import java.util.Locale;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/**
 * {@code --log-level} and {@code --log-format} of the commands that run Delegate's roles. Log lines
 * go to standard error. Delegate's own loggers log at the level given; libraries (Jetty, Javalin,
 * Flyway, Hikari, …) only their warnings and errors, unless the level is {@code debug} or {@code
 * trace}, which they get too.
 */
public final class LogOptions {
  /** What a line carries from the logging MDC: the job and the worker it is about. */
  static final List<String> MDC_KEYS = List.of("jobId", "workerId");

  /** A text line; Delegate's messages name the job and the worker they are about themselves. */
  static final String TEXT_PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{0}: %msg%n%ex";

  @Option(
      names = "--log-level",
      defaultValue = "info",
      description = "Delegate's log level: error, warn, info, debug or trace (default: info).")
  String level = "info";

  @Option(
      names = "--log-format",
      defaultValue = "text",
      description =
          "text, or json: one JSON object per line (time, level, logger, message, exception,"
              + " jobId, workerId).")
  String format = "text";

  /** Whether lines are JSON objects. */
  public boolean json() {
    return parsedFormat().equals("json");
  }

  /** Sets up logging as the options say. */
  public void apply() {
    Level delegate = parsedLevel();
    boolean json = json();
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    Encoder<ILoggingEvent> encoder;
    if (json) {
      encoder = new JsonLineEncoder();
    } else {
      PatternLayoutEncoder pattern = new PatternLayoutEncoder();
      pattern.setPattern(TEXT_PATTERN);
      encoder = pattern;
    }
    encoder.setContext(context);
    encoder.start();
    ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
    console.setContext(context);
    console.setName("console");
    console.setTarget("System.err");
    console.setEncoder(encoder);
    console.start();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.addAppender(console);
    root.setLevel(delegate == Level.INFO ? Level.WARN : delegate);
    context.getLogger("dev.delegate").setLevel(delegate);
  }

  private Level parsedLevel() {
    return switch (level.strip().toLowerCase(Locale.ROOT)) {
      case "error" -> Level.ERROR;
      case "warn" -> Level.WARN;
      case "info" -> Level.INFO;
      case "debug" -> Level.DEBUG;
      case "trace" -> Level.TRACE;
      default ->
          throw new ConfigException(
              "--log-level must be error, warn, info, debug or trace, was '" + level + "'");
    };
  }

  private String parsedFormat() {
    String parsed = format.strip().toLowerCase(Locale.ROOT);
    if (!parsed.equals("text") && !parsed.equals("json")) {
      throw new ConfigException("--log-format must be text or json, was '" + format + "'");
    }
    return parsed;
  }
}
