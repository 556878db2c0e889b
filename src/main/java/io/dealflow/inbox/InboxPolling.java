package io.dealflow.inbox;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/** Reads the sales mailbox every {@code dealflow.inbox.poll-interval} when {@code dealflow.inbox.host} is set. */
@Configuration
@EnableScheduling
@ConditionalOnProperty(name = "dealflow.inbox.host")
public class InboxPolling {

    private final InboxReader reader;

    public InboxPolling(InboxReader reader) {
        this.reader = reader;
    }

    @Scheduled(fixedDelayString = "${dealflow.inbox.poll-interval:PT1M}", initialDelayString = "PT10S")
    void poll() {
        while (reader.poll() >= InboxReader.BATCH) {
            // a full batch: there may be more waiting
        }
    }
}
