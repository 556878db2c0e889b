package io.dealflow.inbox;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The inbox's tables (V20): where the reader of each mailbox stands ({@code inbox_state}) and every message read
 * ({@code inbox_message}, unique by Message-ID). Claims are committed at once; the rest runs in the caller's
 * transaction.
 */
@Component
class InboxStore {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;

    InboxStore(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** The reader's position in a mailbox: null validity when it has never been read. */
    record Position(Long uidValidity, long lastUid, Instant lastReadAt) {
    }

    /** A message as recorded. */
    record Recorded(String kind, Long dealId, Long leadId, Long contactId, String matchedBy, String outcome) {
    }

    /**
     * Takes the lease on reading {@code mailbox} for {@code worker} until {@code until}, committed: false while
     * another node holds an unexpired one.
     */
    boolean claim(String mailbox, String worker, Instant now, Instant until) {
        try {
            ownTransaction.executeWithoutResult(tx -> {
                if (jdbc.queryForObject("select count(*) from inbox_state where mailbox = ?", Integer.class,
                        mailbox) == 0) {
                    jdbc.update("insert into inbox_state (mailbox, last_uid) values (?, 0)", mailbox);
                }
            });
        } catch (DataIntegrityViolationException created) {
            // another node created the row at the same moment: fine
        }
        return Boolean.TRUE.equals(ownTransaction.execute(tx -> jdbc.update("""
                update inbox_state set claimed_by = ?, claimed_until = ?
                where mailbox = ? and (claimed_until is null or claimed_until < ? or claimed_by = ?)""",
                worker, at(until), mailbox, at(now), worker) == 1));
    }

    void release(String mailbox, String worker) {
        ownTransaction.executeWithoutResult(tx -> jdbc.update(
                "update inbox_state set claimed_by = null, claimed_until = null where mailbox = ? and claimed_by = ?",
                mailbox, worker));
    }

    Position position(String mailbox) {
        return jdbc.query("select uid_validity, last_uid, last_read_at from inbox_state where mailbox = ?",
                (row, i) -> new Position(row.getObject(1) == null ? null : row.getLong(1), row.getLong(2),
                        instant(row.getObject(3, OffsetDateTime.class))), mailbox).stream().findFirst()
                .orElse(new Position(null, 0, null));
    }

    /** The position, its row locked until the caller's transaction ends: one message is recorded at a time. */
    Position lockedPosition(String mailbox) {
        return jdbc.query("select uid_validity, last_uid, last_read_at from inbox_state where mailbox = ? for update",
                (row, i) -> new Position(row.getObject(1) == null ? null : row.getLong(1), row.getLong(2),
                        instant(row.getObject(3, OffsetDateTime.class))), mailbox).stream().findFirst()
                .orElseThrow(() -> new IllegalStateException("No inbox_state row for " + mailbox));
    }

    void advance(String mailbox, long uidValidity, long uid, Instant readAt) {
        jdbc.update("update inbox_state set uid_validity = ?, last_uid = ?, last_read_at = ? where mailbox = ?",
                uidValidity, uid, at(readAt), mailbox);
    }

    boolean isRecorded(String messageId) {
        return jdbc.queryForObject("select count(*) from inbox_message where message_id = ?", Integer.class,
                messageId) > 0;
    }

    void record(String mailbox, long uidValidity, IncomingMail mail, Recorded what, Instant now) {
        jdbc.update("""
                insert into inbox_message (message_id, mailbox, uid_validity, uid, kind, received_at, sender, subject,
                    snippet, deal_id, lead_id, contact_id, matched_by, outcome, recorded_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                cut(mail.messageId(), 500), mailbox, uidValidity, mail.uid(), what.kind(), at(mail.receivedAt()),
                cut(mail.from(), 254), cut(mail.subject(), 300), cut(mail.snippet(), 200), what.dealId(),
                what.leadId(), what.contactId(), what.matchedBy(), cut(what.outcome(), 500), at(now));
    }

    /** One entry of a deal's timeline. */
    record Entry(String kind, Instant receivedAt, String from, String subject, String snippet) {
    }

    List<Entry> ofDeal(Long dealId) {
        return entries("deal_id", dealId);
    }

    List<Entry> ofLead(Long leadId) {
        return entries("lead_id", leadId);
    }

    /** The messages matched to one deal or lead ({@code column}: deal_id or lead_id, never user input). */
    private List<Entry> entries(String column, Long id) {
        return jdbc.query("select kind, received_at, sender, subject, snippet from inbox_message where " + column
                        + " = ? order by received_at, id",
                (row, i) -> new Entry(row.getString(1).toLowerCase().replace('_', '-'),
                        instant(row.getObject(2, OffsetDateTime.class)), row.getString(3), row.getString(4),
                        row.getString(5)), id);
    }

    /**
     * The (deal, contact) pairs whose notice about the contact's undeliverable address has a row that was not sent
     * (failed, or never claimed), while the address is still undeliverable and the deal open.
     */
    List<Long[]> owedNotices() {
        return jdbc.query("""
                select distinct d.id, c.id from contact c
                join deal_contact dc on dc.contact_id = c.id
                join deal d on d.id = dc.deal_id
                where c.undeliverable_since is not null and c.undeliverable_address = c.email and d.status = 'OPEN'
                  and exists (select 1 from follow_up f where f.deal_id = d.id and f.kind = 'UNDELIVERABLE_NOTICE'
                              and f.status in ('FAILED', 'PENDING'))""",
                (row, i) -> new Long[] {row.getLong(1), row.getLong(2)});
    }

    private static OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }

    private static String cut(String text, int length) {
        return text == null || text.length() <= length ? text : text.substring(0, length);
    }
}
