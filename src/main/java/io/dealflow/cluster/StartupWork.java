package io.dealflow.cluster;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Runs the {@link StartupTask}s as the app has started, all under the {@link ClusterLock#STARTUP} lock: on several
 * nodes started at once, one does them while the others wait, then each of those finds the work done and adds
 * nothing (no second group, grant, filter or set of demo deals, no duplicate key). Readiness comes after it, so a
 * load balancer sends nothing to a node still waiting.
 */
@Component
@Order(0)
class StartupWork implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(StartupWork.class);

    private final ClusterLock lock;
    private final List<StartupTask> tasks;

    /** Spring gives the list in the tasks' {@code @Order}. */
    StartupWork(ClusterLock lock, List<StartupTask> tasks) {
        this.lock = lock;
        this.tasks = tasks;
    }

    @Override
    public void run(ApplicationArguments args) {
        lock.holding(ClusterLock.STARTUP, () -> {
            for (StartupTask task : tasks) {
                log.debug("Start-up work: {}", task.getClass().getSimpleName());
                task.run();
            }
        });
    }
}
