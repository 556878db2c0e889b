package io.dealflow.inbox;

import io.dealflow.followup.WorkerId;
import jakarta.mail.FetchProfile;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.ComparisonTerm;
import jakarta.mail.search.ReceivedDateTerm;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Reads the sales mailbox (dealflow.inbox) for replies, bounces and automatic replies; polled by
 * {@link InboxPolling}, the tests call {@link #poll()}. One node reads at a time (a lease on the mailbox's row of
 * {@code inbox_state}); a poll reads a batch of new messages over IMAP with no database connection held (headers
 * and the start of the text), then records each, and does what it asks, in a transaction of its own
 * ({@link InboxActions}).
 *
 * <p>Where it stands: the folder's UIDVALIDITY and the highest UID recorded. New messages are those above it. On
 * the first read of a mailbox, the messages received in the last {@link #FIRST_LOOK_BACK} are read; when the
 * UIDVALIDITY changed (the server renumbered the folder), those received since {@link #RENUMBERED_MARGIN} before
 * the last read. A Message-ID already recorded is never acted on again, so such a re-read repeats nothing.
 */
@Component
public class InboxReader {

    static final Duration FIRST_LOOK_BACK = Duration.ofDays(1);
    static final Duration RENUMBERED_MARGIN = Duration.ofHours(1);
    /** Messages read per poll; a full batch is followed by another poll at once. */
    static final int BATCH = 50;
    /** Longer than a batch takes with the IMAP timeouts below. */
    private static final Duration LEASE = Duration.ofMinutes(5);
    private static final Logger log = LoggerFactory.getLogger(InboxReader.class);

    private final InboxProperties settings;
    private final InboxStore store;
    private final InboxActions actions;
    private final String worker;

    @Autowired
    InboxReader(InboxProperties settings, InboxStore store, InboxActions actions, WorkerId worker) {
        this(settings, store, actions, worker.value());
        if (!settings.enabled()) {
            log.info("dealflow.inbox.host is not set: the sales mailbox is not read (replies, bounces and automatic"
                    + " replies are not seen; POST /api/deals/{id}/replies still stops a deal's follow-ups)");
        }
    }

    InboxReader(InboxProperties settings, InboxStore store, InboxActions actions, String worker) {
        this.settings = settings;
        this.store = store;
        this.actions = actions;
        this.worker = worker;
    }

    boolean enabled() {
        return settings.enabled();
    }

    /** Reads and acts on one batch of new messages; answers how many were read (0 when another node reads). */
    public int poll() {
        if (!settings.enabled()) {
            return 0;
        }
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("The inbox is read outside any transaction: IMAP must not hold a"
                    + " database connection");
        }
        String mailbox = settings.mailbox();
        Instant now = Instant.now();
        if (!store.claim(mailbox, worker, now, now.plus(LEASE))) {
            return 0;
        }
        try {
            Batch batch = read(store.position(mailbox), now);
            batch.mails().forEach(mail -> actions.take(mailbox, batch.uidValidity(), mail, now));
            actions.sendOwedNotices();
            return batch.mails().size();
        } catch (MessagingException | IOException e) {
            log.warn("The sales mailbox {} could not be read: {}", mailbox, e.getMessage());
            return 0;
        } finally {
            store.release(mailbox, worker);
        }
    }

    private record Batch(long uidValidity, List<IncomingMail> mails) {
    }

    private Batch read(InboxStore.Position position, Instant now) throws MessagingException, IOException {
        Store imap = Session.getInstance(imapProperties()).getStore(settings.protocol());
        imap.connect(settings.host(), settings.port() == null ? -1 : settings.port(), settings.username(),
                settings.password());
        try {
            Folder folder = imap.getFolder(settings.folder());
            folder.open(Folder.READ_ONLY);
            try {
                UIDFolder uids = (UIDFolder) folder;
                long uidValidity = uids.getUIDValidity();
                Message[] found;
                Instant since = null;
                if (Objects.equals(position.uidValidity(), uidValidity)) {
                    found = uids.getMessagesByUID(position.lastUid() + 1, UIDFolder.MAXUID);
                } else {
                    since = position.uidValidity() == null || position.lastReadAt() == null ? now.minus(FIRST_LOOK_BACK)
                            : position.lastReadAt().minus(RENUMBERED_MARGIN);
                    if (position.uidValidity() != null) {
                        log.info("The UIDVALIDITY of {} changed: reading what arrived since {}", settings.mailbox(),
                                since);
                    }
                    found = folder.search(new ReceivedDateTerm(ComparisonTerm.GE, Date.from(since)));
                }
                FetchProfile profile = new FetchProfile();
                profile.add(FetchProfile.Item.ENVELOPE);
                profile.add(FetchProfile.Item.CONTENT_INFO);
                profile.add(UIDFolder.FetchProfileItem.UID);
                profile.add("In-Reply-To");
                profile.add("References");
                profile.add("Auto-Submitted");
                profile.add("X-Autoreply");
                profile.add("X-Autorespond");
                profile.add("Precedence");
                folder.fetch(found, profile);
                List<Message> sorted = new ArrayList<>(Arrays.asList(found));
                sorted.sort(Comparator.comparingLong(message -> uid(uids, message)));
                List<IncomingMail> mails = new ArrayList<>();
                for (Message message : sorted) {
                    long uid = uid(uids, message);
                    if (Objects.equals(position.uidValidity(), uidValidity) && uid <= position.lastUid()
                            || since != null && message.getReceivedDate() != null
                            && message.getReceivedDate().toInstant().isBefore(since)) {
                        continue;
                    }
                    mails.add(MailText.read(uid, (MimeMessage) message,
                            "<" + uidValidity + "." + uid + "." + settings.mailbox().replaceAll("[<>@\\s]", "_")
                                    + "@inbox.invalid>"));
                    if (mails.size() == BATCH) {
                        break;
                    }
                }
                return new Batch(uidValidity, mails);
            } finally {
                folder.close(false);
            }
        } finally {
            imap.close();
        }
    }

    private static long uid(UIDFolder folder, Message message) {
        try {
            return folder.getUID(message);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Timeouts, so a hung server ends a poll instead of holding the reader (and its lease) forever. */
    private Properties imapProperties() {
        Properties properties = new Properties();
        String prefix = "mail." + settings.protocol() + ".";
        properties.put(prefix + "connectiontimeout", "10000");
        properties.put(prefix + "timeout", "30000");
        properties.put(prefix + "writetimeout", "30000");
        if ("imaps".equals(settings.protocol())) {
            properties.put(prefix + "ssl.checkserveridentity", "true");
        }
        return properties;
    }
}
