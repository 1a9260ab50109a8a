package dev.delegate.server.processor;

import java.util.function.Consumer;

/**
 * What the job routes tell an in-process PR processor, so it acts at once instead of on its next
 * tick: there is work, an answer for a job was stored, a cancel for a job was requested.
 */
public record ProcessorHooks(
    Runnable wake, Consumer<String> inputArrived, Consumer<String> cancelRequested) {
  /** For a node without a processor: the node holding each job finds out within its tick. */
  public static final ProcessorHooks NONE = new ProcessorHooks(() -> {}, id -> {}, id -> {});
}
