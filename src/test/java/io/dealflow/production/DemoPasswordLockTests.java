package io.dealflow.production;

import static org.assertj.core.api.Assertions.assertThat;

import io.dealflow.support.OnH2;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A user whose password is its id (what the demo users have) is locked out at a prod start; one with a password
 * of their own is left alone. On users of this test's own: the shared demo users must keep their passwords.
 */
@OnH2
class DemoPasswordLockTests {

    @Autowired
    IdentityService identity;

    @Test
    void aUserWithTheDemoPasswordIsLockedOutAndOthersAreNot() {
        String demoLike = user(null);
        String realPerson = user("a-password-of-their-own");

        List<String> locked = new DemoPasswordLock(null).lockOut(identity, List.of(demoLike, realPerson, "nobodyatall"));

        assertThat(locked).containsExactly(demoLike);
        assertThat(identity.checkPassword(demoLike, demoLike)).isFalse();
        assertThat(identity.checkPassword(realPerson, "a-password-of-their-own")).isTrue();
    }

    private String user(String password) {
        String id = "lock" + UUID.randomUUID().toString().substring(0, 8);
        User user = identity.newUser(id);
        user.setPassword(password == null ? id : password);
        identity.saveUser(user);
        return id;
    }
}
