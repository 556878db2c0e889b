package io.dealflow.followup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.Test;

/** The calendar invite as a calendar reads it: content lines, unfolded, each one property. */
class MeetingInviteTests {

    private static final Instant AT = Instant.parse("2026-12-03T10:00:00Z");
    /** 200 characters: umlauts (2 octets in UTF-8), emoji (4 octets, two Java chars), ASCII. */
    static final String LONG_TITLE = longText(200);

    @Test
    void textWithLineBreaksSemicolonsAndCommasStaysInItsProperty() {
        String ics = MeetingInvite.build(7L, AT, "Call\r\nATTENDEE:mailto:evil@evil.example; with, \\ Acme\rX",
                "sam@example.com", "X\r\nATTENDEE:mailto:evil@evil.example", "dana@acme.example", AT);

        List<String> lines = lines(ics);
        assertThat(lines).filteredOn(line -> line.startsWith("ATTENDEE")).singleElement()
                .satisfies(attendee -> assertThat(attendee).endsWith(":mailto:dana@acme.example")
                        .startsWith("ATTENDEE;CN=\"X ATTENDEE:mailto:evil@evil.example\";"));
        assertThat(lines).contains(
                "SUMMARY:Call\\nATTENDEE:mailto:evil@evil.example\\; with\\, \\\\ Acme\\nX");
        assertThat(lines).allSatisfy(line -> assertThat(line).matches("[A-Z-]+[;:].*"));
    }

    @Test
    void aQuoteInANameCannotCloseTheParameter() {
        String ics = MeetingInvite.build(7L, AT, "Call", null, "Dana \"Boss\";ROLE=CHAIR:mailto:evil@evil.example",
                "dana@acme.example", AT);

        assertThat(lines(ics)).filteredOn(line -> line.startsWith("ATTENDEE")).singleElement()
                .satisfies(attendee -> assertThat(attendee).startsWith(
                        "ATTENDEE;CN=\"Dana 'Boss';ROLE=CHAIR:mailto:evil@evil.example\";ROLE=REQ-PARTICIPANT"));
    }

    @Test
    void longLinesAreFoldedAt75OctetsWithoutSplittingACharacter() {
        String ics = MeetingInvite.build(7L, AT, "Ünïcödé ".repeat(30), null, "Dana", "dana@acme.example", AT);

        assertThat(ics.split("\r\n")).allSatisfy(line ->
                assertThat(line.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(75));
        assertThat(lines(ics)).contains("SUMMARY:" + "Ünïcödé ".repeat(30));
    }

    @Test
    void aLongNonAsciiSummaryIsFoldedOnOctetsAndACalendarReadsItWhole() throws Exception {
        String ics = MeetingInvite.build(7L, AT, LONG_TITLE, "sam@example.com", "Dana", "dana@acme.example", AT);

        assertFoldedOnOctets(ics);
        assertThat(lines(ics)).contains("SUMMARY:" + MeetingInvite.escape(LONG_TITLE));
        VEvent event = event(parse(ics));
        assertThat(event.<Property>getRequiredProperty(Property.SUMMARY).getValue()).isEqualTo(LONG_TITLE);
    }

    @Test
    void aCalendarReadsAValidRequestWithEverythingAnInvitationNeeds() throws Exception {
        Calendar calendar = parse(MeetingInvite.build(7L, AT, "Your meeting with Sam", "sam@example.com",
                "Dana Buyer", "dana@acme.example", AT.minusSeconds(3600)));

        assertThat(calendar.validate().getEntries()).as("RFC 5545 and iTIP (RFC 5546) REQUEST rules").isEmpty();
        assertThat(calendar.<Property>getRequiredProperty(Property.METHOD).getValue()).isEqualTo("REQUEST");
        VEvent event = event(calendar);
        assertThat(value(event, Property.UID)).isEqualTo(MeetingInvite.uid(7L));
        assertThat(value(event, Property.DTSTAMP)).isEqualTo("20261203T090000Z");
        assertThat(value(event, Property.DTSTART)).isEqualTo("20261203T100000Z");
        assertThat(value(event, Property.DTEND)).isEqualTo("20261203T103000Z");
        assertThat(value(event, Property.ORGANIZER)).isEqualToIgnoringCase("mailto:sam@example.com");
        assertThat(value(event, Property.ATTENDEE)).isEqualToIgnoringCase("mailto:dana@acme.example");
        assertThat(event.<Property>getRequiredProperty(Property.ATTENDEE).getParameter("CN").orElseThrow().getValue())
                .isEqualTo("Dana Buyer");
        assertThat(value(event, Property.SUMMARY)).isEqualTo("Your meeting with Sam");
    }

    /** As a calendar client reads the invitation (ical4j's RFC 5545 parser). */
    static Calendar parse(String ics) throws Exception {
        return new CalendarBuilder().build(new StringReader(ics));
    }

    static VEvent event(Calendar calendar) {
        return calendar.<VEvent>getComponent("VEVENT").orElseThrow();
    }

    static String value(VEvent event, String property) {
        return event.<Property>getRequiredProperty(property).getValue();
    }

    /**
     * RFC 5545 3.1: CRLF line ends, every physical line at most 75 octets, and a fold never splits a UTF-8
     * sequence (each physical line decodes on its own).
     */
    static void assertFoldedOnOctets(String ics) {
        assertThat(ics).endsWith("\r\n").doesNotContainPattern("[^\r]\n").doesNotContainPattern("\r[^\n]");
        for (String line : ics.split("\r\n")) {
            byte[] octets = line.getBytes(StandardCharsets.UTF_8);
            assertThat(octets.length).as(line).isLessThanOrEqualTo(75);
            try {
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(octets));
            } catch (CharacterCodingException e) {
                throw new AssertionError("a fold split a character: " + line, e);
            }
        }
    }

    /** Text of {@code length} characters (Java chars) mixing ASCII, umlauts and emoji. */
    static String longText(int length) {
        StringBuilder text = new StringBuilder();
        String[] pieces = {"Grüße ", "aus ", "Köln ", "\uD83D\uDE80 ", "Übergabe ", "\uD83C\uDF89", "ä", "ß "};
        for (int i = 0; text.length() < length; i++) {
            String piece = pieces[i % pieces.length];
            if (text.length() + piece.length() > length) {
                piece = "x".repeat(length - text.length());
            }
            text.append(piece);
        }
        return text.toString();
    }

    /** RFC 5545 3.1: a CRLF followed by a space or tab continues the line. */
    static List<String> lines(String ics) {
        assertThat(ics).doesNotContain("\r\r").doesNotContainPattern("[^\r]\n");
        return Arrays.asList(ics.replace("\r\n ", "").replace("\r\n\t", "").split("\r\n"));
    }
}
