package dev.delegate.git.workspace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Serialises the operations that change a cache clone's shared state (fetch, worktree add and
 * prune, lock clean-up): a lock per cache inside this JVM, plus an OS file lock so another Delegate
 * process on the same data directory waits too.
 */
final class CacheLock {
  private static final ConcurrentHashMap<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

  private CacheLock() {}

  static <T> T with(Path cache, Supplier<T> action) {
    Path key = cache.toAbsolutePath().normalize();
    ReentrantLock lock = LOCKS.computeIfAbsent(key, k -> new ReentrantLock());
    lock.lock();
    try {
      if (lock.getHoldCount() > 1) {
        return action.get(); // the file lock is already ours
      }
      Path lockFile = key.resolveSibling(key.getFileName() + ".delegate-lock");
      Files.createDirectories(key.getParent());
      try (FileChannel channel =
              FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock ignored = channel.lock()) {
        return action.get();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not lock the cache clone " + key, e);
    } finally {
      lock.unlock();
    }
  }

  static void with(Path cache, Runnable action) {
    with(
        cache,
        () -> {
          action.run();
          return null;
        });
  }
}
