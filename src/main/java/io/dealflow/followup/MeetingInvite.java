package io.dealflow.followup;

import java.nio.charset.StandardCharsets;
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
    private static final int MAX_OCTETS = 75;
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
            line(ics, "ORGANIZER:mailto:" + withoutControls(organizerEmail));
        }
        line(ics, "ATTENDEE;CN=" + quote(attendeeName) + ";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:"
                + withoutControls(attendeeEmail));
        line(ics, "SEQUENCE:0");
        line(ics, "STATUS:CONFIRMED");
        line(ics, "END:VEVENT");
        line(ics, "END:VCALENDAR");
        return ics.toString();
    }

    /** A content line, folded after 75 octets (RFC 5545 3.1) without splitting a UTF-8 character. */
    private static void line(StringBuilder ics, String line) {
        int octets = 0;
        for (int i = 0; i < line.length(); ) {
            int codePoint = line.codePointAt(i);
            int size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
            if (octets + size > MAX_OCTETS) {
                ics.append("\r\n ");
                octets = 1;
            }
            ics.appendCodePoint(codePoint);
            octets += size;
            i += Character.charCount(codePoint);
        }
        ics.append("\r\n");
    }

    /** A TEXT value (RFC 5545 3.3.11): any line break, CR alone included, becomes the two characters \n. */
    static String escape(String text) {
        return withoutControls(text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
                .replaceAll("\r\n|\r|\n", "\\\\n"));
    }

    /** A parameter value (RFC 5545 3.2): quoted, and a quoted value may hold no DQUOTE and no control character. */
    static String quote(String text) {
        return "\"" + withoutControls(text.replaceAll("[\r\n]+", " ").replace("\"", "'")) + "\"";
    }

    private static String withoutControls(String text) {
        return text.replaceAll("\\p{Cntrl}", "");
    }
}
