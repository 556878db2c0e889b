package io.dealflow.support;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;

/** Users the tests add to the demo ones (a second rep "rita"), created once; password = id, like the demo users. */
public final class TestUsers {

    private TestUsers() {
    }

    public static void ensure(IdentityService identity, String id, String group) {
        if (identity.createUserQuery().userId(id).count() == 0) {
            User user = identity.newUser(id);
            user.setFirstName(id);
            user.setLastName("Matrix");
            user.setEmail(id + "@example.com");
            user.setPassword(id);
            identity.saveUser(user);
        }
        if (identity.createGroupQuery().groupMember(id).groupId(group).count() == 0) {
            identity.createMembership(id, group);
        }
    }
}
