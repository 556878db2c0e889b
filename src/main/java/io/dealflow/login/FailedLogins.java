package io.dealflow.login;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/** Wrong passwords counted per client address, in a window that starts with the address's first failure. */
@Component
class FailedLogins {

    private record Failures(Instant since, int count) {
    }

    /** Sweeping expired addresses every this many failures keeps the map as small as the attackers of one window. */
    private static final int SWEEP_EVERY = 1000;

    private final ConcurrentMap<String, Failures> byAddress = new ConcurrentHashMap<>();
    private final LoginThrottleProperties settings;
    private final AtomicInteger sinceSweep = new AtomicInteger();

    private final Clock clock;

    @Autowired
    FailedLogins(LoginThrottleProperties settings) {
        this(settings, Clock.systemUTC());
    }

    FailedLogins(LoginThrottleProperties settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** How long the address must wait before it may try a password again; empty when it may now. */
    Optional<Duration> blockedFor(String address) {
        Failures failures = byAddress.get(address);
        if (failures == null || failures.count() < settings.maxFailures()) {
            return Optional.empty();
        }
        Duration left = Duration.between(clock.instant(), failures.since().plus(settings.window()));
        return left.isNegative() || left.isZero() ? Optional.empty() : Optional.of(left);
    }

    void failed(String address) {
        Instant now = clock.instant();
        byAddress.merge(address, new Failures(now, 1), (old, first) -> expired(old, now) ? first
                : new Failures(old.since(), old.count() + 1));
        if (sinceSweep.incrementAndGet() % SWEEP_EVERY == 0) {
            byAddress.values().removeIf(failures -> expired(failures, now));
        }
    }

    void succeeded(String address) {
        byAddress.remove(address);
    }

    private boolean expired(Failures failures, Instant now) {
        return !failures.since().plus(settings.window()).isAfter(now);
    }
}
