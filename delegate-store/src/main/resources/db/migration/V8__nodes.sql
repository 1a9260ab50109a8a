-- The nodes sharing the store, each row written by the node's own heartbeat: what it runs, where
-- its endpoints answer, its workers. A node whose heartbeat is old is shown as gone; its jobs are
-- taken back when their leases run out, not through this table.
CREATE TABLE nodes (
  id            VARCHAR(200) NOT NULL PRIMARY KEY,
  roles         VARCHAR(100) NOT NULL,
  address       VARCHAR(300) NOT NULL,
  version       VARCHAR(50)  NOT NULL,
  started_at    BIGINT       NOT NULL,
  heartbeat_at  BIGINT       NOT NULL,
  workers_ready INTEGER      NOT NULL,
  workers_busy  INTEGER      NOT NULL,
  stopped_at    BIGINT
);
