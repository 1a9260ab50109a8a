package dev.delegate.agent.pool;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The conversations workers keep open for questions, by job id. */
final class Conversations {
  private final ConcurrentHashMap<String, Conversation> byJob = new ConcurrentHashMap<>();

  Conversation open(String jobId, Worker worker) {
    Conversation conversation = new Conversation(jobId, worker);
    Conversation earlier = byJob.put(jobId, conversation);
    if (earlier != null) {
      earlier.release();
    }
    return conversation;
  }

  void close(Conversation conversation) {
    byJob.remove(conversation.jobId, conversation);
  }

  Optional<Conversation> find(String jobId) {
    return Optional.ofNullable(byJob.get(jobId));
  }

  List<Conversation> of(Worker worker) {
    return byJob.values().stream().filter(c -> c.worker == worker).toList();
  }

  Collection<Conversation> all() {
    return List.copyOf(byJob.values());
  }
}
