package dev.delegate.core.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The lease keeper stops without interrupting a renewal under way: an interrupt inside a store call
 * can break the store (H2 closes its database when a thread in the middle of a commit is
 * interrupted), which once failed every job of a loaded node at once.
 */
class LeaseKeeperTest {

  @Test
  void should_let_a_renewal_under_way_finish_uninterrupted_when_stopped() throws Exception {
    CountDownLatch renewing = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean interrupted = new AtomicBoolean();
    AtomicBoolean finished = new AtomicBoolean();
    JobStore store =
        (JobStore)
            Proxy.newProxyInstance(
                JobStore.class.getClassLoader(),
                new Class<?>[] {JobStore.class},
                (proxy, method, args) -> {
                  if (!method.getName().equals("renewLease")) {
                    throw new UnsupportedOperationException(method.getName());
                  }
                  renewing.countDown();
                  try {
                    release.await();
                  } catch (InterruptedException e) {
                    interrupted.set(true);
                  }
                  interrupted.compareAndSet(false, Thread.currentThread().isInterrupted());
                  finished.set(true);
                  return true;
                });
    JobServices services =
        new JobServices(
            new ProcessorNode("node-a", 1, "agent"),
            ProcessorSettings.DEFAULT.withLease(Duration.ofSeconds(1)),
            store,
            null,
            null,
            null,
            Clock.systemUTC());
    LeaseKeeper keeper = LeaseKeeper.start("job-1", services);
    assertThat(renewing.await(30, TimeUnit.SECONDS)).isTrue();

    keeper.stop();
    release.countDown();

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!finished.get() && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(finished).isTrue();
    assertThat(interrupted).as("the renewal's thread was interrupted").isFalse();
  }
}
