package io.dealflow.followup;

import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * At startup with an SMTP server configured: the emails kept as NOT_SENT_NO_SMTP while there was none go
 * out now (claimed, sent and recorded one by one, as {@link FollowUpSender} does), as they were composed, unless they are older than {@code dealflow.mail.send-kept-within} (a week
 * by default: an old meeting confirmation would do more harm than good; those stay listed, unsent).
 */
@Component
public class KeptFollowUps implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(KeptFollowUps.class);

    private final FollowUpService followUps;
    private final FollowUpSender sender;
    private final Duration maxAge;

    public KeptFollowUps(FollowUpService followUps, FollowUpSender sender,
                         @Value("${dealflow.mail.send-kept-within:P7D}") Duration maxAge) {
        this.followUps = followUps;
        this.sender = sender;
        this.maxAge = maxAge;
    }

    @Override
    public void run(ApplicationArguments args) {
        int sent = sendKept();
        if (sent > 0) {
            log.info("Sent {} follow-up emails kept while no SMTP server was configured", sent);
        }
    }

    /**
     * Sends the kept emails through the same claim, send, record steps as every other email, so that several
     * nodes starting at once send each only once; one that fails stays kept for the next start. Answers how
     * many went out.
     */
    public int sendKept() {
        if (!sender.canSend()) {
            return 0;
        }
        List<Outgoing> kept = followUps.kept(maxAge);
        try {
            return sender.deliver(kept);
        } catch (FollowUpFailedException | FollowUpClaimedElsewhereException e) {
            log.warn("Some kept follow-up emails were not sent now: {}", e.getMessage());
            return (int) kept.stream().filter(email -> followUps.isSent(email.rowId())).count();
        }
    }
}
