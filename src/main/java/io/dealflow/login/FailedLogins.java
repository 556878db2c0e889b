package io.dealflow.login;

import io.dealflow.web.AddressWindows;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/** Wrong passwords counted per client address, in a window that starts with the address's first failure. */
@Component
class FailedLogins {

    private final LoginThrottleProperties settings;
    private final AddressWindows failures;

    @Autowired
    FailedLogins(LoginThrottleProperties settings) {
        this(settings, Clock.systemUTC());
    }

    FailedLogins(LoginThrottleProperties settings, Clock clock) {
        this.settings = settings;
        this.failures = new AddressWindows(settings.window(), clock);
    }

    /** How long the address must wait before it may try a password again; empty when it may now. */
    Optional<Duration> blockedFor(String address) {
        return failures.fullFor(address, settings.maxFailures());
    }

    void failed(String address) {
        failures.add(address);
    }

    void succeeded(String address) {
        failures.clear(address);
    }
}
