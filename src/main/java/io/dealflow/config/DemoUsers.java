package io.dealflow.config;

import io.dealflow.cluster.StartupTask;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** The demo users of DESIGN.md (password = user id), in every profile except prod; their groups: {@link TeamGroups}. */
@Component
@Order(0)
@Profile("!prod")
public class DemoUsers implements StartupTask {

    record DemoUser(String id, String firstName, String lastName, String group) {
    }

    static final List<DemoUser> USERS = List.of(
            new DemoUser("demo", "Demo", "Admin", SalesAccess.ADMINS),
            new DemoUser("sam", "Sam", "Seller", SalesAccess.SALES),
            new DemoUser("mia", "Mia", "Manager", SalesAccess.MANAGEMENT),
            new DemoUser("mark", "Mark", "Marketer", SalesAccess.MARKETING));

    /** Their ids (and demo passwords): prod locks out any left in its database. */
    public static final List<String> IDS = USERS.stream().map(DemoUser::id).toList();

    private final IdentityService identity;

    public DemoUsers(IdentityService identity) {
        this.identity = identity;
    }

    @Override
    public void run() {
        for (DemoUser demo : USERS) {
            if (identity.createUserQuery().userId(demo.id()).count() == 0) {
                User user = identity.newUser(demo.id());
                user.setFirstName(demo.firstName());
                user.setLastName(demo.lastName());
                user.setEmail(demo.id() + "@example.com");
                user.setPassword(demo.id());
                identity.saveUser(user);
                identity.createMembership(demo.id(), demo.group());
            }
        }
    }
}
