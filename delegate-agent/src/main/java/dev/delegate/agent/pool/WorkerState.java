package dev.delegate.agent.pool;

/** Life cycle of a worker slot. */
enum WorkerState {
  /** The agent process is starting and has not shown its ready marker yet. */
  STARTING,
  /** Ready and free for a turn. */
  READY,
  /** Running a turn, or clearing the agent's conversation after one. */
  BUSY,
  /** Waiting out the back-off before the session is started again. */
  RESTARTING,
  /** The pool is closed. */
  STOPPED
}
