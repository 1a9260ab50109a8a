package dev.delegate.server.config;

import dev.delegate.core.PermanentException;

/** A setting that cannot be used as given; the message says which and why. */
public final class ConfigException extends PermanentException {
  public ConfigException(String message) {
    super(message);
  }
}
