package io.dealflow.followup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The calendar invite as a calendar reads it: content lines, unfolded, each one property. */
class MeetingInviteTest {

    private static final Instant AT = Instant.parse("2026-12-03T10:00:00Z");

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

    /** RFC 5545 3.1: a CRLF followed by a space or tab continues the line. */
    static List<String> lines(String ics) {
        assertThat(ics).doesNotContain("\r\r").doesNotContainPattern("[^\r]\n");
        return Arrays.asList(ics.replace("\r\n ", "").replace("\r\n\t", "").split("\r\n"));
    }
}
