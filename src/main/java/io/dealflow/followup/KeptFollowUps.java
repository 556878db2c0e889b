package io.dealflow.followup;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * At startup with an SMTP server configured: the emails kept as NOT_SENT_NO_SMTP while there was none go
 * out now, as they were composed, unless they are older than {@code dealflow.mail.send-kept-within} (a week
 * by default: an old meeting confirmation would do more harm than good; those stay listed, unsent).
 */
@Component
public class KeptFollowUps implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(KeptFollowUps.class);

    private final FollowUpService followUps;
    private final Duration maxAge;

    public KeptFollowUps(FollowUpService followUps,
                         @Value("${dealflow.mail.send-kept-within:P7D}") Duration maxAge) {
        this.followUps = followUps;
        this.maxAge = maxAge;
    }

    @Override
    public void run(ApplicationArguments args) {
        int sent = followUps.sendKept(maxAge);
        if (sent > 0) {
            log.info("Sent {} follow-up emails kept while no SMTP server was configured", sent);
        }
    }
}
