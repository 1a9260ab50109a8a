package dev.delegate.core.task;

/**
 * Where a delegation stands. {@code SUBMITTED}: accepted and recorded, the forge not done yet;
 * {@code DELEGATED}: branch, TASK.md and pull request exist and the job is queued; {@code FAILED}:
 * the forge refused or failed, with the reason in the task's {@code failure}.
 */
public enum TaskState {
  SUBMITTED,
  DELEGATED,
  FAILED
}
