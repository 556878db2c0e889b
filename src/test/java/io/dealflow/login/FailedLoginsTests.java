package io.dealflow.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The window: an address is refused from its n-th failure until the window that its first failure opened ends. */
class FailedLoginsTests {

    private Instant now = Instant.parse("2026-12-01T10:00:00Z");
    private final FailedLogins failures = new FailedLogins(new LoginThrottleProperties(3, Duration.ofMinutes(15)),
            new Clock() {
                @Override
                public Instant instant() {
                    return now;
                }

                @Override
                public java.time.ZoneId getZone() {
                    return ZoneOffset.UTC;
                }

                @Override
                public Clock withZone(java.time.ZoneId zone) {
                    return this;
                }
            });

    @Test
    void blocksFromTheLastAllowedFailureUntilTheWindowEnds() {
        failures.failed("203.0.113.9");
        now = now.plus(Duration.ofMinutes(5));
        failures.failed("203.0.113.9");
        assertThat(failures.blockedFor("203.0.113.9")).isEmpty();

        failures.failed("203.0.113.9");
        assertThat(failures.blockedFor("203.0.113.9")).hasValue(Duration.ofMinutes(10));
        assertThat(failures.blockedFor("198.51.100.7")).isEmpty();

        now = now.plus(Duration.ofMinutes(10));
        assertThat(failures.blockedFor("203.0.113.9")).isEmpty();
        failures.failed("203.0.113.9");
        assertThat(failures.blockedFor("203.0.113.9")).as("a new window counts from one").isEmpty();
    }

    @Test
    void aRightPasswordClearsTheCount() {
        failures.failed("203.0.113.9");
        failures.failed("203.0.113.9");
        failures.succeeded("203.0.113.9");
        failures.failed("203.0.113.9");
        failures.failed("203.0.113.9");

        assertThat(failures.blockedFor("203.0.113.9")).isEmpty();
    }
}
