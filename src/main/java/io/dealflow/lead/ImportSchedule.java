package io.dealflow.lead;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Every node looks for unfinished lead imports every {@code dealflow.leads.import.poll-interval} (milliseconds,
 * default 1000), so an import starts within a second and one left by a stopped node is continued. Off with
 * {@code dealflow.leads.import.runner=false} (the tests run imports themselves, see {@link ImportJob#runPending()}).
 */
@Configuration
@EnableScheduling
@ConditionalOnProperty(name = "dealflow.leads.import.runner", havingValue = "true", matchIfMissing = true)
class ImportSchedule {

    private final ImportJob job;

    ImportSchedule(ImportJob job) {
        this.job = job;
    }

    @Scheduled(fixedDelayString = "${dealflow.leads.import.poll-interval:1000}", initialDelay = 1000)
    void runPending() {
        job.runPending();
    }
}
