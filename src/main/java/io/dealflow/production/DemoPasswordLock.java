package io.dealflow.production;

import io.dealflow.cluster.ClusterLock;
import io.dealflow.config.DemoUsers;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * A demo user left in the database by another profile (demo, sam, mia, mark, password = user id) must not log in
 * to an installation on the internet. At a prod start, each one that still has its demo password gets a random
 * one, and the log says who: an administrator can give the person a real password in Camunda Admin.
 * <p>
 * Locking out rather than refusing to start: the fix is made in Camunda Admin, which only a running prod
 * offers; refusing would push the operator to start the data under a demo profile, on the internet.
 * Runs as the engine is built, before the web server takes a request, under the cluster's start-up lock (two nodes
 * saving the same user at once would fail one of them on the engine's optimistic lock).
 */
@Component
@Profile("prod")
class DemoPasswordLock extends AbstractCamundaConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DemoPasswordLock.class);

    private final SecureRandom random = new SecureRandom();
    private final ClusterLock lock;

    DemoPasswordLock(ClusterLock lock) {
        this.lock = lock;
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        lock.holding(ClusterLock.STARTUP, () -> lockOut(engine.getIdentityService(), DemoUsers.IDS));
    }

    /** The users of {@code ids} whose password is their id get a random password; answers whom it locked out. */
    List<String> lockOut(IdentityService identity, List<String> ids) {
        List<String> locked = ids.stream()
                .filter(id -> identity.createUserQuery().userId(id).count() == 1 && identity.checkPassword(id, id))
                .toList();
        for (String id : locked) {
            User user = identity.createUserQuery().userId(id).singleResult();
            byte[] secret = new byte[32];
            random.nextBytes(secret);
            user.setPassword(Base64.getEncoder().encodeToString(secret));
            identity.saveUser(user);
            log.warn("Demo user '{}' still had its demo password (= its id): it is locked out with a random password."
                    + " Give the person a password of their own in Camunda Admin, or delete the user.", id);
        }
        return locked;
    }
}
