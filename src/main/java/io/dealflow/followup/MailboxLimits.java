package io.dealflow.followup;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The sending mailbox's limits (dealflow.mail.limits.per-minute, .per-day): how many emails go out in any 60
 * seconds and any 24 hours, counted from the follow_up table, so every node sharing the database counts the same
 * emails: those sent within the period (sent_at) and those being sent now (SENDING, claim still running). Called
 * inside the transaction that has just claimed an email, it takes the lock row of mail_send_lock first, so two
 * nodes count and claim one after the other and never both take the last free slot.
 */
@Component
class MailboxLimits {

    private static final String SENT = """
            select count(*) as sent, min(sent_at) as oldest from follow_up
            where sent_at > :since and sent_at <= :now""";
    private static final String SENDING = """
            select count(*) from follow_up where status = 'SENDING' and claimed_until > :now""";

    private final NamedParameterJdbcTemplate jdbc;
    private final SendingProperties.Limits limits;

    MailboxLimits(NamedParameterJdbcTemplate jdbc, SendingProperties settings) {
        this.jdbc = jdbc;
        this.limits = settings.limits();
    }

    /**
     * Lets the email just claimed go, or holds it back until the oldest email of the full period is a period old.
     * Must run in the claiming transaction: the claim counts, and the lock is held until its commit.
     */
    void admit(Instant now) {
        if (limits.perMinute() == 0 && limits.perDay() == 0) {
            return;
        }
        jdbc.queryForList("select id from mail_send_lock where id = 1 for update", new MapSqlParameterSource(),
                Integer.class);
        long sending = jdbc.queryForObject(SENDING, new MapSqlParameterSource("now", Timestamp.from(now)), Long.class);
        check(limits.perMinute(), Duration.ofMinutes(1), "per minute", sending, now);
        check(limits.perDay(), Duration.ofDays(1), "per day", sending, now);
    }

    private void check(int limit, Duration period, String name, long sending, Instant now) {
        if (limit == 0) {
            return;
        }
        var params = new MapSqlParameterSource("since", Timestamp.from(now.minus(period)))
                .addValue("now", Timestamp.from(now));
        jdbc.query(SENT, params, rows -> {
            long sent = rows.getLong("sent");
            if (sent + sending > limit) {
                Timestamp oldest = rows.getTimestamp("oldest");
                Instant freeAt = (oldest == null ? now : oldest.toInstant()).plus(period);
                throw new HeldBackException("the sending mailbox's limit of " + limit + " emails " + name
                        + " is reached", freeAt);
            }
        });
    }
}
