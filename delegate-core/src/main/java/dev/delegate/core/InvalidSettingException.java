package dev.delegate.core;

/**
 * A setting outside its bounds, thrown by a settings record's constructor. {@link #setting()} names
 * the setting as the record does (its component, e.g. {@code lease}), so that whoever read the
 * value from a person can name it as the person wrote it (e.g. the flag {@code --lease}).
 */
public final class InvalidSettingException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String setting;
  private final String problem;

  public InvalidSettingException(String setting, String problem) {
    super(setting + " " + problem);
    this.setting = setting;
    this.problem = problem;
  }

  /** The record component that holds the bad value. */
  public String setting() {
    return setting;
  }

  /** What is wrong with it, e.g. {@code must be at least 1s, was 500ms}. */
  public String problem() {
    return problem;
  }
}
