package io.dealflow.followup;

import io.dealflow.settings.DealflowProperties;
import io.dealflow.deal.DealService;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * At startup with an SMTP server configured: the emails kept as NOT_SENT_NO_SMTP while there was none go
 * out now (claimed, sent and recorded one by one, as {@link FollowUpSender} does), as they were composed, unless they
 * are older than {@code dealflow.mail.send-kept-within} (a week by default: an old meeting confirmation would do more
 * harm than good; those stay listed, unsent), and unless the address bounced for good in the meantime.
 */
@Component
public class KeptFollowUps implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(KeptFollowUps.class);

    private final FollowUpRepository followUps;
    private final FollowUpOutbox outbox;
    private final FollowUpDrafts drafts;
    private final DealService deals;
    private final Team team;
    private final ReplyTo replyTo;
    private final FollowUpSender sender;
    private final TransactionTemplate transaction;
    private final Duration maxAge;

    KeptFollowUps(FollowUpRepository followUps, FollowUpOutbox outbox, FollowUpDrafts drafts, DealService deals,
                  Team team, ReplyTo replyTo, FollowUpSender sender, PlatformTransactionManager transactions,
                  DealflowProperties settings) {
        this.followUps = followUps;
        this.outbox = outbox;
        this.drafts = drafts;
        this.deals = deals;
        this.team = team;
        this.replyTo = replyTo;
        this.sender = sender;
        this.transaction = new TransactionTemplate(transactions);
        this.maxAge = settings.mail().sendKeptWithin();
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
        List<Outgoing> kept = transaction.execute(tx -> kept());
        try {
            return sender.deliver(kept);
        } catch (FollowUpFailedException | FollowUpClaimedElsewhereException | HeldBackException e) {
            log.warn("Some kept follow-up emails were not sent now: {}", e.getMessage());
            return (int) kept.stream().filter(email -> outbox.isSent(email.rowId())).count();
        }
    }

    /**
     * The emails kept while no SMTP server was configured, as they were composed, if they are no older than
     * {@code maxAge}; a marketing email only if the contact still consents (else it is marked so and left out).
     * Also those whose sending was claimed and whose claim ran out (a node stopped mid-send).
     */
    private List<Outgoing> kept() {
        List<Outgoing> out = new ArrayList<>();
        Instant now = ClockUtil.now().toInstant();
        List<FollowUp> rows = new ArrayList<>(followUps.findByStatusAndCreatedAtAfterOrderByIdAsc(
                FollowUpStatus.NOT_SENT_NO_SMTP, now.minus(maxAge)));
        followUps.findByStatusAndCreatedAtAfterOrderByIdAsc(FollowUpStatus.SENDING, now.minus(maxAge)).stream()
                .filter(row -> row.getClaimedUntil() != null && row.getClaimedUntil().isBefore(now))
                .forEach(rows::add);
        for (FollowUp row : rows) {
            ComposedMail mail = row.keptMail();
            if (mail == null) {
                continue;
            }
            if (!drafts.deliverable(row.getContactId())) {
                outbox.notSent(row, FollowUpStatus.NOT_SENT_UNDELIVERABLE);
                continue;
            }
            if (row.getKind().isMarketing() && !drafts.consents(row.getContactId())) {
                outbox.notSent(row, FollowUpStatus.NOT_SENT_NO_CONSENT);
                continue;
            }
            String owner = row.getDealId() == null ? null : team.email(deals.get(row.getDealId()).getOwner());
            // a row with a contact went to a prospect or a lead; one without, to one of our users
            List<String> replies = row.getContactId() == null ? List.of() : replyTo.toProspect(owner);
            String about = row.getDealId() != null ? deals.get(row.getDealId()).getReference()
                    : "lead " + row.getLeadId();
            out.add(new Outgoing(row.getId(), row.getMessageId(), row.getKind(), about, row.getRecipient(), replies,
                    mail, row.getUnsubscribeUrl(), true));
        }
        return out;
    }
}
