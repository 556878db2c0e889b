package io.dealflow.followup;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Builds the iCalendar (RFC 5545) request sent with a meeting confirmation. The UID is stable per deal, so a
 * calendar that receives the invite again updates the same event instead of adding a second one.
 */
public final class MeetingInvite {

    public static final Duration LENGTH = Duration.ofMinutes(30);
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private MeetingInvite() {
    }

    public static String uid(Long dealId) {
        return "deal-" + dealId + "-meeting@dealflow";
    }

    public static String build(Long dealId, Instant start, String summary, String organizerEmail,
                               String attendeeName, String attendeeEmail, Instant now) {
        StringBuilder ics = new StringBuilder();
        line(ics, "BEGIN:VCALENDAR");
        line(ics, "VERSION:2.0");
        line(ics, "PRODID:-//Dealflow//Follow-ups//EN");
        line(ics, "METHOD:REQUEST");
        line(ics, "BEGIN:VEVENT");
        line(ics, "UID:" + uid(dealId));
        line(ics, "DTSTAMP:" + UTC.format(now));
        line(ics, "DTSTART:" + UTC.format(start));
        line(ics, "DTEND:" + UTC.format(start.plus(LENGTH)));
        line(ics, "SUMMARY:" + escape(summary));
        if (organizerEmail != null) {
            line(ics, "ORGANIZER:mailto:" + organizerEmail);
        }
        line(ics, "ATTENDEE;CN=" + quote(attendeeName) + ";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:"
                + attendeeEmail);
        line(ics, "SEQUENCE:0");
        line(ics, "STATUS:CONFIRMED");
        line(ics, "END:VEVENT");
        line(ics, "END:VCALENDAR");
        return ics.toString();
    }

    private static void line(StringBuilder ics, String line) {
        ics.append(line).append("\r\n");
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n");
    }

    private static String quote(String text) {
        return "\"" + text.replace("\"", "'") + "\"";
    }
}
