package io.dealflow.login;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * dealflow.login-throttle: after {@code maxFailures} wrong passwords from one client address within {@code window},
 * that address is answered 429 until the window has passed; other addresses log in as usual.
 */
@ConfigurationProperties("dealflow.login-throttle")
public record LoginThrottleProperties(@DefaultValue("5") int maxFailures, @DefaultValue("PT15M") Duration window) {
}
