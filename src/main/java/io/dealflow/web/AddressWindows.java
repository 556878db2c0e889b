package io.dealflow.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Events counted per client address in fixed windows, each starting with the address's first event after its last
 * window ended: what the login throttle (wrong passwords) and the public pages' rate limit (requests) both count.
 * In memory, per app instance.
 */
public final class AddressWindows {

    /** Sweeping finished windows every this many events keeps the map as small as the addresses of one window. */
    private static final int SWEEP_EVERY = 1000;

    private record Window(Instant end, int count) {
    }

    private final Duration length;
    private final Clock clock;
    private final ConcurrentMap<String, Window> windows = new ConcurrentHashMap<>();
    private final AtomicInteger sinceSweep = new AtomicInteger();

    public AddressWindows(Duration length, Clock clock) {
        this.length = length;
        this.clock = clock;
    }

    /** Counts one more event of the address; answers how many its current window holds now. */
    public int add(String address) {
        Instant now = clock.instant();
        if (sinceSweep.incrementAndGet() % SWEEP_EVERY == 0) {
            windows.values().removeIf(finished -> !finished.end().isAfter(now));
        }
        return windows.compute(address, (key, known) -> known == null || !known.end().isAfter(now)
                ? new Window(now.plus(length), 1) : new Window(known.end(), known.count() + 1)).count();
    }

    /** How long until the address's window ends, when it holds at least {@code limit} events; empty otherwise. */
    public Optional<Duration> fullFor(String address, int limit) {
        Window window = windows.get(address);
        if (window == null || window.count() < limit) {
            return Optional.empty();
        }
        Duration left = Duration.between(clock.instant(), window.end());
        return left.isNegative() || left.isZero() ? Optional.empty() : Optional.of(left);
    }

    public void clear(String address) {
        windows.remove(address);
    }
}
