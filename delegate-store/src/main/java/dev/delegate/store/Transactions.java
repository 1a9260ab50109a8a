package dev.delegate.store;

import dev.delegate.core.PermanentException;
import dev.delegate.core.TransientException;
import java.sql.SQLException;
import java.util.Optional;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * Runs units of work in committed transactions and turns database errors into Delegate's: a
 * duplicate key into {@link DuplicateKey} (the caller lost a race), deadlocks and serialization
 * failures into a retry of the whole unit, bad data into {@link PermanentException}, anything else
 * (connection lost, lock timeout, disk full) into {@link TransientException}.
 */
final class Transactions {
  static final int MAX_TRIES = 5;

  private final Jdbi jdbi;

  Transactions(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Runs {@code work} in one transaction, again from the start when the engine asks to retry. */
  <T> T inTransaction(HandleCallback<T, RuntimeException> work) {
    for (int attempt = 1; ; attempt++) {
      try {
        return jdbi.inTransaction(work);
      } catch (JdbiException e) {
        String state = sqlState(e).orElse("");
        if (isRetryable(state) && attempt < MAX_TRIES) {
          continue;
        }
        throw translate(e, state);
      }
    }
  }

  /** Runs a read outside an explicit transaction (each statement commits on its own). */
  <T> T withHandle(HandleCallback<T, RuntimeException> work) {
    try {
      return jdbi.withHandle(work);
    } catch (JdbiException e) {
      throw translate(e, sqlState(e).orElse(""));
    }
  }

  private static RuntimeException translate(JdbiException e, String state) {
    if (state.equals("23505")) {
      return new DuplicateKey(e);
    }
    if (state.startsWith("22") || state.startsWith("23")) {
      return new PermanentException("the store refused the data: " + e.getMessage(), e);
    }
    if (state.startsWith("42")) {
      return new IllegalStateException("bug: the store's SQL is wrong: " + e.getMessage(), e);
    }
    return new TransientException("the store failed: " + e.getMessage(), e);
  }

  /** Deadlock or serialization failure (class 40), H2's concurrent-update error. */
  private static boolean isRetryable(String state) {
    return state.startsWith("40") || state.equals("90131");
  }

  private static Optional<String> sqlState(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        return Optional.of(sql.getSQLState());
      }
    }
    return Optional.empty();
  }

  /** A unique key refused a row: another transaction got there first. */
  static final class DuplicateKey extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DuplicateKey(Throwable cause) {
      super(cause.getMessage(), cause);
    }
  }
}
