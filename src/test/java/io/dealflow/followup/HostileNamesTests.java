package io.dealflow.followup;

import io.dealflow.support.MailServer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dealflow.contact.ContactDetails;
import io.dealflow.deal.ContactRole;
import io.dealflow.deal.DealOpening;
import io.dealflow.deal.DealService;
import io.dealflow.deal.MonthlyValue;
import io.dealflow.support.Api;
import io.dealflow.support.Mailbox;
import io.dealflow.support.OnH2;
import jakarta.mail.Header;
import jakarta.mail.Message;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Names as a hostile visitor of the public form would type them, through the real emails: a line break in a
 * name adds no header and no calendar line, and markup stays text.
 */
@OnH2
class HostileNamesTests {

    static final String HEADER_INJECTION = "Dana\r\nBcc: victim@evil.example";
    static final String CALENDAR_INJECTION = "X\r\nATTENDEE:mailto:evil@evil.example";
    static final String SCRIPT = "<script>alert(1)</script>";

    @RegisterExtension
    static MailServer smtp = new MailServer();

    @LocalServerPort
    int port;
    @Autowired
    DealService deals;
    @Autowired
    DealContactEmails dealEmails;
    @Autowired
    TeamNotices notices;
    @Autowired
    FollowUpSender sender;

    @Test
    void theMeetingConfirmationOfAHostileContactHasNoInjectedHeaderOrCalendarLine() throws Exception {
        String domain = "hostile-" + unique() + ".example";
        String email = "buyer@" + domain;
        Long dealId = deals.open(new DealOpening(SCRIPT + " deal\r\nBcc: victim@evil.example",
                SCRIPT + " Co\r\nX-Evil: 1", domain,
                List.of(new DealOpening.Participant(new ContactDetails(email, HEADER_INJECTION, CALENDAR_INJECTION,
                        null, null, null), ContactRole.DECISION_MAKER)),
                new MonthlyValue(new BigDecimal("100.00"), "EUR"), "sam", Instant.parse("2026-12-03T10:00:00Z")));

        sender.deliver(dealEmails.meetingConfirmations(dealId));

        MimeMessage mail = single(email);
        assertNoInjectedHeader(mail);
        String html = Mailbox.parts(mail).stream().filter(part -> type(part).startsWith("text/html")).findFirst()
                .map(HostileNamesTests::content).orElseThrow();
        assertThat(html).doesNotContain(SCRIPT).contains("&lt;script&gt;");
        String ics = Mailbox.parts(mail).stream().filter(part -> type(part).startsWith("text/calendar")).findFirst()
                .map(HostileNamesTests::content).orElseThrow();
        List<String> lines = MeetingInviteTests.lines(ics);
        assertThat(lines).filteredOn(line -> line.startsWith("ATTENDEE")).singleElement()
                .satisfies(attendee -> assertThat(attendee).endsWith(":mailto:" + email));
        assertThat(lines).noneMatch(line -> line.startsWith("Bcc") || line.startsWith("X-Evil"))
                .allSatisfy(line -> assertThat(line).matches("[A-Z-]+[;:].*"));
    }

    @Test
    void aHostileLeadNameInASubjectAddsNoHeader() throws Exception {
        String email = "lead@hostile-" + unique() + ".example";
        ObjectNode lead = new ObjectMapper().createObjectNode().put("email", email)
                .put("firstName", HEADER_INJECTION).put("lastName", CALENDAR_INJECTION)
                .put("company", SCRIPT + "\r\nX-Evil: 1");
        lead.putObject("consent").put("marketing", true).put("source", "webform").put("text", "I agree");
        JsonNode captured = new Api(port).post("/api/leads", lead.toString(), "mark").json();

        sender.deliver(notices.aboutLead(captured.get("leadId").asLong(),
                captured.get("contactId").asLong(), FollowUpKind.MISSED_HAND_OFF, "management", "hostile-" + unique()));

        MimeMessage mail = smtp.receivedBy("mia@example.com").stream()
                .filter(m -> Mailbox.subject(m).contains("Bcc: victim")).reduce((a, b) -> b).orElseThrow();
        assertThat(mail.getSubject()).doesNotContain("\r").doesNotContain("\n").startsWith("A sales-qualified lead");
        assertNoInjectedHeader(mail);
    }

    private void assertNoInjectedHeader(MimeMessage mail) throws Exception {
        assertThat(mail.getHeader("Bcc")).isNull();
        assertThat(mail.getHeader("X-Evil")).isNull();
        assertThat(mail.getRecipients(Message.RecipientType.BCC)).isNull();
        assertThat(mail.getAllRecipients()).hasSize(1);
        for (Header header : Collections.list(mail.getAllHeaders())) {
            assertThat(header.getName()).doesNotContain("ATTENDEE").isNotEqualToIgnoringCase("Bcc");
        }
        assertThat(smtp.receivedBy("victim@evil.example")).isEmpty();
    }

    private MimeMessage single(String recipient) {
        List<MimeMessage> received = smtp.receivedBy(recipient);
        assertThat(received).hasSize(1);
        return received.get(0);
    }

    private static String type(Part part) {
        try {
            return part.getContentType().toLowerCase();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String content(Part part) {
        try {
            return new String(part.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
