package io.dealflow.followup;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Polls for email tasks every {@code dealflow.mail.worker.poll-interval} while {@code dealflow.mail.worker.enabled}
 * (default on; the tests turn it off and drive {@link FollowUpWorker} themselves). A poll that found a full batch
 * polls again at once.
 */
@Configuration
@EnableScheduling
@ConditionalOnProperty(name = "dealflow.mail.worker.enabled", matchIfMissing = true)
public class FollowUpPolling {

    private final FollowUpWorker worker;
    private final MailWorkerProperties settings;

    public FollowUpPolling(FollowUpWorker worker, MailWorkerProperties settings) {
        this.worker = worker;
        this.settings = settings;
    }

    @Scheduled(fixedDelayString = "${dealflow.mail.worker.poll-interval:PT1S}")
    void poll() {
        while (worker.workOnce() >= settings.maxTasks()) {
            // a full batch: there may be more waiting
        }
    }
}
