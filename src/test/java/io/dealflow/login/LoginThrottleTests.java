package io.dealflow.login;

import static io.dealflow.support.FromAddress.basic;
import static org.assertj.core.api.Assertions.assertThat;

import io.dealflow.config.SalesAccess;
import io.dealflow.support.FromAddress;
import io.dealflow.support.OnH2;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 9, part 4: one client's wrong passwords never lock the account for another client. Each test fails from
 * an address of its own (127.0.0.x is this machine), which stays throttled for the rest of this JVM's tests.
 */
@OnH2
class LoginThrottleTests {

    @LocalServerPort
    int port;
    @Autowired
    IdentityService identity;
    @Autowired
    LoginThrottleProperties throttle;

    String user;
    String password;

    /** A user of this test's own: the shared demo users must never collect wrong passwords. */
    @BeforeEach
    void createUser() {
        user = "throttled" + UUID.randomUUID().toString().substring(0, 8);
        password = "right-" + UUID.randomUUID();
        User created = identity.newUser(user);
        created.setPassword(password);
        created.setEmail(user + "@example.com");
        identity.saveUser(created);
        identity.createMembership(user, SalesAccess.MANAGEMENT);
    }

    @Test
    void wrongBasicPasswordsFromOneAddressLeaveTheUserFreeEverywhereElse() {
        FromAddress attacker = new FromAddress("127.0.0.2", port);
        FromAddress owner = new FromAddress("127.0.0.1", port);
        for (int i = 0; i < throttle.maxFailures(); i++) {
            assertThat(attacker.get("/api/pipeline", basic(user, "wrong-" + i)).status()).isEqualTo(401);
        }

        assertThat(owner.get("/api/pipeline", basic(user, password)).status()).isEqualTo(200);
        assertThat(owner.get("/engine-rest/task", basic(user, password)).status()).isEqualTo(200);

        FromAddress.Response refused = attacker.get("/api/pipeline", basic(user, password));
        assertThat(refused.status()).isEqualTo(429);
        assertThat(Long.parseLong(refused.header("Retry-After"))).isPositive()
                .isLessThanOrEqualTo(throttle.window().toSeconds());
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(attacker.get("/engine-rest/task", basic(user, password)).status()).isEqualTo(429);
    }

    @Test
    void wrongWebappPasswordsFromOneAddressLeaveTheUserFreeEverywhereElse() {
        FromAddress attacker = new FromAddress("127.0.0.3", port);
        FromAddress owner = new FromAddress("127.0.0.1", port);
        for (int i = 0; i < throttle.maxFailures(); i++) {
            assertThat(attacker.webappLogin("tasklist", user, "wrong-" + i).status()).isEqualTo(401);
        }

        assertThat(owner.webappLogin("tasklist", user, password).status()).isEqualTo(200);

        FromAddress.Response refused = attacker.webappLogin("tasklist", user, password);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isNotBlank();
    }

    @Test
    void aRightPasswordClearsTheAddressCount() {
        FromAddress client = new FromAddress("127.0.0.4", port);
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < throttle.maxFailures() - 1; i++) {
                assertThat(client.get("/api/pipeline", basic(user, "typo")).status()).isEqualTo(401);
            }
            assertThat(client.get("/api/pipeline", basic(user, password)).status()).isEqualTo(200);
        }
    }
}
