package dev.delegate.agent.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.delegate.agent.pool.TerminalFeed.Chunk;
import dev.delegate.agent.pool.TerminalFeed.Ended;
import dev.delegate.agent.pool.TerminalFeed.Item;
import dev.delegate.agent.pool.TerminalFeed.Lost;
import dev.delegate.agent.pool.TerminalFeed.Started;
import dev.delegate.core.agent.ApprovalPolicy;
import dev.delegate.core.agent.TurnOutcome;
import dev.delegate.core.agent.TurnResult;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TerminalFeedTest {
  @TempDir Path data;
  private WorkerPool pool;

  @AfterEach
  void stop() {
    if (pool != null) {
      pool.close();
    }
  }

  @Test
  void should_stream_a_jobs_pty_output_live_and_replay_it_to_a_late_viewer() throws Exception {
    pool = ScriptedPool.start(data, "scripted", 1, ApprovalPolicy.TRUST_ALL, c -> c);
    TerminalFeed feed = pool.terminalFeed();
    try (TerminalFeed.Subscription early = feed.followJob("job-7")) {
      TurnResult result = ScriptedPool.run(pool, "job-7", "zero-think please");
      assertThat(result.outcome()).isEqualTo(TurnOutcome.COMPLETED);

      List<Item> live = untilEnded(early);
      assertThat(live.getFirst()).isEqualTo(new Started(1, "job-7"));
      assertThat(live.getLast()).isEqualTo(new Ended(1, "job-7"));
      assertThat(live).noneMatch(Lost.class::isInstance);
      byte[] streamed = bytes(live);
      assertThat(new String(streamed, StandardCharsets.UTF_8)).contains("zero-think please");
      assertThat(streamed).isEqualTo(Files.readAllBytes(result.transcript()));

      try (TerminalFeed.Subscription late = feed.followJob("job-7")) {
        List<Item> replay = untilEnded(late);
        assertThat(bytes(replay)).isEqualTo(streamed);
      }
      assertThat(feed.status("job-7")).isEqualTo(TerminalFeed.TurnStatus.ENDED);
      assertThat(feed.status("job-8")).isEqualTo(TerminalFeed.TurnStatus.UNKNOWN);
    }
    assertThat(feed.subscriberCount()).isZero();
  }

  @Test
  void should_follow_a_worker_across_its_turns() throws Exception {
    pool = ScriptedPool.start(data, "scripted", 1, ApprovalPolicy.TRUST_ALL, c -> c);
    try (TerminalFeed.Subscription worker = pool.terminalFeed().followWorker(1)) {
      ScriptedPool.run(pool, "first", "zero-think one");
      ScriptedPool.run(pool, "second", "zero-think two");
      List<Item> items = untilEnded(worker);
      items.addAll(untilEnded(worker));
      assertThat(items)
          .filteredOn(i -> !(i instanceof Chunk))
          .containsExactly(
              new Started(1, "first"),
              new Ended(1, "first"),
              new Started(1, "second"),
              new Ended(1, "second"));
    }
  }

  @Test
  void should_drop_chunks_for_a_slow_viewer_and_tell_it_without_slowing_the_writer()
      throws Exception {
    TerminalFeed feed = new TerminalFeed(1024, 2);
    try (TerminalFeed.Subscription slow = feed.followJob("j")) {
      TerminalFeed.Turn turn = feed.begin(3, "j");
      byte[] chunk = "0123456789".getBytes(StandardCharsets.UTF_8);
      for (int i = 0; i < 10; i++) {
        turn.write(chunk, chunk.length);
      }
      turn.end();
      List<Item> items = untilEnded(slow);
      assertThat(items).hasSize(5);
      assertThat(items.get(0)).isEqualTo(new Started(3, "j"));
      assertThat(items.get(1)).isInstanceOf(Chunk.class);
      assertThat(items.get(2)).isInstanceOf(Chunk.class);
      assertThat(items.get(3)).isEqualTo(new Lost(80));
      assertThat(items.get(4)).isEqualTo(new Ended(3, "j"));
    }
  }

  @Test
  void should_keep_only_the_newest_bytes_of_a_turn() throws Exception {
    TerminalFeed feed = new TerminalFeed(16, 8);
    TerminalFeed.Turn turn = feed.begin(1, "j");
    for (int i = 0; i < 5; i++) {
      byte[] line = ("line " + i + "\n").getBytes(StandardCharsets.UTF_8);
      turn.write(line, line.length);
    }
    try (TerminalFeed.Subscription late = feed.followJob("j")) {
      assertThat(late.poll(Duration.ofSeconds(1))).isEqualTo(new Started(1, "j"));
      assertThat(late.poll(Duration.ofSeconds(1))).isEqualTo(new Lost(19));
      Chunk rest = (Chunk) late.poll(Duration.ofSeconds(1));
      assertThat(new String(rest.bytes(), StandardCharsets.UTF_8)).isEqualTo("2\nline 3\nline 4\n");
    }
  }

  private static List<Item> untilEnded(TerminalFeed.Subscription subscription)
      throws InterruptedException {
    List<Item> items = new ArrayList<>();
    while (true) {
      Item item = subscription.poll(ScriptedPool.WAIT);
      assertThat(item).as("an item before the wait ran out").isNotNull();
      items.add(item);
      if (item instanceof Ended) {
        return items;
      }
    }
  }

  private static byte[] bytes(List<Item> items) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    items.stream()
        .filter(Chunk.class::isInstance)
        .forEach(i -> out.writeBytes(((Chunk) i).bytes()));
    return out.toByteArray();
  }
}
