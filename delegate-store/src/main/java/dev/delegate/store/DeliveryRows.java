package dev.delegate.store;

import dev.delegate.core.webhook.Delivery;
import dev.delegate.core.webhook.DeliveryState;
import dev.delegate.core.webhook.DeliveryTry;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Rows of {@code webhook_deliveries} and {@code webhook_tries} as records. */
final class DeliveryRows {
  static final String COLUMNS =
      "id, event_seq, job_id, event, url, body, state, created_at, next_try_at, give_up_at";

  static final RowMapper<Row> ROW = DeliveryRows::row;

  private DeliveryRows() {}

  /** A delivery without its tries, read first; the tries of many are read in one query. */
  record Row(
      String id,
      long eventSequence,
      String jobId,
      String event,
      String url,
      String body,
      DeliveryState state,
      Instant createdAt,
      Instant nextTryAt,
      Instant giveUpAt) {
    Delivery with(List<DeliveryTry> tries) {
      return new Delivery(
          id, eventSequence, jobId, event, url, body, state, createdAt, nextTryAt, giveUpAt, tries);
    }
  }

  private static Row row(ResultSet rs, StatementContext ctx) throws SQLException {
    return new Row(
        rs.getString("id"),
        rs.getLong("event_seq"),
        rs.getString("job_id"),
        rs.getString("event"),
        rs.getString("url"),
        rs.getString("body"),
        DeliveryState.valueOf(rs.getString("state")),
        Instant.ofEpochMilli(rs.getLong("created_at")),
        Instant.ofEpochMilli(rs.getLong("next_try_at")),
        Instant.ofEpochMilli(rs.getLong("give_up_at")));
  }

  /** The tries of each delivery, oldest first. */
  static Map<String, List<DeliveryTry>> tries(Handle h, List<String> deliveryIds) {
    if (deliveryIds.isEmpty()) {
      return Map.of();
    }
    record Tried(String deliveryId, DeliveryTry attempt) {}
    return h
        .createQuery(
            "SELECT delivery_id, tried_at, node, status_code, error, duration_millis"
                + " FROM webhook_tries WHERE delivery_id IN (<ids>) ORDER BY seq")
        .bindList("ids", deliveryIds)
        .map(
            (rs, ctx) -> {
              int status = rs.getInt("status_code");
              OptionalInt code = rs.wasNull() ? OptionalInt.empty() : OptionalInt.of(status);
              return new Tried(
                  rs.getString("delivery_id"),
                  new DeliveryTry(
                      Instant.ofEpochMilli(rs.getLong("tried_at")),
                      rs.getString("node"),
                      code,
                      Optional.ofNullable(rs.getString("error")),
                      Duration.ofMillis(rs.getLong("duration_millis"))));
            })
        .list()
        .stream()
        .collect(
            Collectors.groupingBy(
                Tried::deliveryId,
                LinkedHashMap::new,
                Collectors.mapping(Tried::attempt, Collectors.toList())));
  }
}
