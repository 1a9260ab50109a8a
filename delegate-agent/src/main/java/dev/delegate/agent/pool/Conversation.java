package dev.delegate.agent.pool;

import dev.delegate.core.agent.TurnResult;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A conversation a worker keeps open after its agent asked a question: the turn's thread waits here
 * for an answer (or a release) while the worker stays assigned to the job. An answer is taken only
 * while the conversation expects one, that is between the question's result and the end of the
 * wait, so an answer can never be typed into an agent that is still working.
 */
final class Conversation {
  /** An answer to type, the time the agent may take on it, and the future its caller waits on. */
  record Answer(String text, Duration timeout, CompletableFuture<TurnResult> result) {}

  final String jobId;
  final Worker worker;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private boolean expecting;
  private boolean released;
  private Answer answer;

  Conversation(String jobId, Worker worker) {
    this.jobId = jobId;
    this.worker = worker;
  }

  /** From now on an answer is taken; called before the question's result is handed out. */
  void expectAnswer() {
    lock.lock();
    try {
      expecting = !released;
      answer = null;
    } finally {
      lock.unlock();
    }
  }

  /** Hands an answer to the waiting turn; false when none is expected (working, released, over). */
  boolean offer(Answer next) {
    lock.lock();
    try {
      if (!expecting || answer != null) {
        return false;
      }
      answer = next;
      changed.signalAll();
      return true;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Ends the conversation: a waiting turn stops waiting, and no answer is taken any more.
   *
   * @return an answer that was handed over but not yet taken (its caller must be told), or null
   */
  Answer release() {
    lock.lock();
    try {
      released = true;
      expecting = false;
      Answer orphan = answer;
      answer = null;
      changed.signalAll();
      return orphan;
    } finally {
      lock.unlock();
    }
  }

  /**
   * The answer, or null when the wait ran out or the conversation was released; either way no
   * further answer is taken until {@link #expectAnswer()}.
   */
  Answer await(Duration wait) throws InterruptedException {
    long left = wait.toNanos();
    lock.lock();
    try {
      while (answer == null && !released && left > 0) {
        left = changed.awaitNanos(left);
      }
      Answer taken = released ? null : answer;
      expecting = false;
      answer = null;
      return taken;
    } finally {
      lock.unlock();
    }
  }

  boolean isReleased() {
    lock.lock();
    try {
      return released;
    } finally {
      lock.unlock();
    }
  }
}
