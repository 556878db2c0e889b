package io.dealflow.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.dealflow.support.OnH2;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The lock on its own: held longer than H2 waits for a row lock (a second), a second holder waits on and gets it
 * when the first lets go, never before; work holding it may take it again.
 */
@OnH2
class ClusterLockTests {

    @Autowired
    ClusterLock lock;

    @Test
    void aSecondHolderWaitsUntilTheFirstLetsGo() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        CountDownLatch firstHolds = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<?> first = threads.submit(() -> lock.holding(ClusterLock.STARTUP, () -> {
                events.add("first in");
                firstHolds.countDown();
                sleep(2500);
                events.add("first out");
            }));
            assertThat(firstHolds.await(10, TimeUnit.SECONDS)).isTrue();
            Future<?> second = threads.submit(() -> lock.holding(ClusterLock.STARTUP, () -> {
                events.add("second in");
            }));
            first.get(30, TimeUnit.SECONDS);
            second.get(30, TimeUnit.SECONDS);
        } finally {
            threads.shutdownNow();
        }
        assertThat(events).containsExactly("first in", "first out", "second in");
    }

    @Test
    void workHoldingTheLockMayTakeItAgain() {
        String inner = lock.holding(ClusterLock.STARTUP, () -> lock.holding(ClusterLock.STARTUP, () -> "inner"));
        assertThat(inner).isEqualTo("inner");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
