package io.dealflow.inbox;

import static io.dealflow.support.ProcessSteps.fireTimer;
import static io.dealflow.support.ProcessSteps.timer;
import io.dealflow.support.OnH2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.dealflow.contact.ContactDetails;
import io.dealflow.contact.ContactService;
import io.dealflow.contact.MarketingConsent;
import io.dealflow.lead.LeadCaptured;
import io.dealflow.lead.LeadIntake;
import io.dealflow.lead.LeadService;
import io.dealflow.lead.LeadSubmission;
import io.dealflow.lead.QualificationAnswers;
import io.dealflow.privacy.PersonalData;
import io.dealflow.deal.Deal;
import io.dealflow.deal.DealService;
import io.dealflow.deal.DealView;
import io.dealflow.followup.FollowUp;
import io.dealflow.followup.FollowUpKind;
import io.dealflow.followup.FollowUpRepository;
import io.dealflow.followup.FollowUpStatus;
import io.dealflow.followup.FollowUpWorker;
import io.dealflow.support.Mailbox;
import io.dealflow.support.TestDeals;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The sales mailbox read from a real IMAP server: GreenMail, SMTP on port 3025 (where the app sends, as in
 * application-test.yaml) and IMAP on 3143. Each test reads a mailbox of its own, so each starts unread.
 */
@OnH2
class InboxTests {

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP_IMAP);

    @Autowired
    ProcessEngine engine;
    @Autowired
    RuntimeService runtime;
    @Autowired
    ManagementService management;
    @Autowired
    TaskService taskService;
    @Autowired
    DealService deals;
    @Autowired
    ContactService contacts;
    @Autowired
    FollowUpWorker worker;
    @Autowired
    FollowUpRepository followUpRows;
    @Autowired
    InboxStore store;
    @Autowired
    InboxActions actions;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    LeadIntake intake;
    @Autowired
    LeadService leads;
    @Autowired
    PersonalData personalData;

    GreenMailUser sales;
    InboxProperties settings;

    @BeforeEach
    void salesMailbox() {
        BpmnAwareTests.init(engine);
        String login = "sales-" + UUID.randomUUID().toString().substring(0, 8);
        sales = mail.setUser(login + "@ourcompany.example", login, "secret");
        settings = new InboxProperties("localhost", ServerSetupTest.IMAP.getPort(), "imap", login, "secret", "INBOX",
                Duration.ofMinutes(1));
    }

    @AfterEach
    void realTime() {
        ClockUtil.reset();
    }

    @Test
    void aReplyToAProposalFollowUpStopsTheSequenceWithinOnePoll() throws Exception {
        Deal deal = deals.get(deals.open(TestDeals.openingWithConsent("sam")));
        ProcessInstance instance = instance(deal);
        Instant proposalSent = toProposalSent(instance);
        fireTimer(management, instance.getId(), "ProposalUnanswered3Days", proposalSent.plus(Duration.ofDays(3)).plusSeconds(1));
        worker.workOn(instance.getId(), "SendProposalFollowUp");
        String followUpId = sentFollowUp(deal).getMessageId();
        timer(management, instance.getId(), "ProposalUnanswered7Days");

        deliver(buyer(deal), "Re: Any questions about our proposal?", "In-Reply-To: " + followUpId + "\r\n",
                """
                Thanks, we will sign next week.
                Best, Dana

                On Mon, 7 Dec 2026 at 10:00, Dealflow <dealflow@example.com> wrote:
                > Any questions about our proposal?
                > The unsubscribe link: secret
                """);

        assertThat(reader().poll()).isEqualTo(1);

        BpmnAwareTests.assertThat(instance).hasPassed("ProspectReplied").isWaitingAt("ProposalSent");
        assertThat(management.createJobQuery().processInstanceId(instance.getId()).timers().count()).isZero();
        assertThat(replies(deal)).singleElement().satisfies(reply -> {
            assertThat(reply.kind()).isEqualTo("reply");
            assertThat(reply.from()).isEqualTo(buyer(deal));
            assertThat(reply.subject()).isEqualTo("Re: Any questions about our proposal?");
            assertThat(reply.snippet()).isEqualTo("Thanks, we will sign next week. Best, Dana");
            assertThat(reply.receivedAt()).isNotNull();
        });
        assertThat(jdbc.queryForObject("select count(*) from inbox_message where snippet like '%secret%'",
                Integer.class)).as("the quoted history is not kept").isZero();
    }

    @Test
    void aReplyFromAColleagueOfTheProspectInTheThreadAlsoStopsIt() throws Exception {
        Deal deal = deals.get(deals.open(TestDeals.openingWithConsent("sam")));
        ProcessInstance instance = instance(deal);
        Instant proposalSent = toProposalSent(instance);
        fireTimer(management, instance.getId(), "ProposalUnanswered3Days", proposalSent.plus(Duration.ofDays(3)).plusSeconds(1));
        worker.workOn(instance.getId(), "SendProposalFollowUp");
        String followUpId = sentFollowUp(deal).getMessageId();

        deliver("colleague@" + buyer(deal).split("@")[1], "Re: Fwd: Any questions about our proposal?",
                "In-Reply-To: <forwarded-" + UUID.randomUUID() + "@mail.example>\r\nReferences: " + followUpId
                        + " <forwarded-1@mail.example>\r\n", "Dana is away; I take this over.");

        assertThat(reader().poll()).isEqualTo(1);

        BpmnAwareTests.assertThat(instance).hasPassed("ProspectReplied").isWaitingAt("ProposalSent");
        assertThat(replies(deal)).singleElement().extracting(InboxStore.Entry::from)
                .isEqualTo("colleague@" + buyer(deal).split("@")[1]);
    }

    @Test
    void aReplyMatchedByItsSenderAloneStopsTheFollowUps() throws Exception {
        Deal deal = deals.get(deals.open(TestDeals.openingWithConsent("sam")));
        ProcessInstance instance = instance(deal);
        toProposalSent(instance);

        deliver(buyer(deal).toUpperCase(), "A question", "", "What does the support cost?");

        assertThat(reader().poll()).isEqualTo(1);

        BpmnAwareTests.assertThat(instance).hasPassed("ProspectReplied").isWaitingAt("ProposalSent");
        assertThat(jdbc.queryForObject("select matched_by from inbox_message where deal_id = ?", String.class,
                deal.getId())).isEqualTo(InboxMatcher.BY_SENDER);
    }

    @Test
    void aPermanentBounceMarksTheAddressTellsTheOwnerOnceAndNothingGoesToItAgain() throws Exception {
        Deal deal = deals.get(deals.open(TestDeals.openingWithConsent("sam")));
        ProcessInstance instance = instance(deal);
        Instant proposalSent = toProposalSent(instance);
        int noticesBefore = notices(deal).size();

        deliverBounce(buyer(deal), "5.1.1", "failed");
        deliverBounce(buyer(deal), "5.1.1", "failed");
        assertThat(reader().poll()).isEqualTo(2);

        Long contactId = deals.view(deal.getId()).contacts().get(0).id();
        assertThat(contacts.get(contactId).isDeliverable()).isFalse();
        assertThat(contacts.get(contactId).getUndeliverableReason()).contains("5.1.1");
        assertThat(deals.view(deal.getId()).contacts()).singleElement().extracting(DealView.ContactView::undeliverable)
                .isEqualTo(true);
        assertThat(notices(deal)).hasSize(noticesBefore + 1);
        assertThat(Mailbox.subject(notices(deal).get(notices(deal).size() - 1))).contains(deal.getReference(),
                "Dana Buyer", "bounces");
        // the stage and its follow-ups go on: only the email to this address is not sent
        BpmnAwareTests.assertThat(instance).hasNotPassed("ProspectReplied");

        fireTimer(management, instance.getId(), "ProposalUnanswered3Days", proposalSent.plus(Duration.ofDays(3)).plusSeconds(1));
        worker.workOn(instance.getId(), "SendProposalFollowUp");

        assertThat(Mailbox.receivedBy(mail, buyer(deal))).isEmpty();
        assertThat(followUpRows.findByDealIdOrderByCreatedAtAscIdAsc(deal.getId()))
                .filteredOn(row -> row.getKind() == FollowUpKind.PROPOSAL_FOLLOW_UP).singleElement()
                .extracting(FollowUp::getStatus).isEqualTo(FollowUpStatus.NOT_SENT_UNDELIVERABLE);
        assertThat(replies(deal)).extracting(InboxStore.Entry::kind).containsExactly("bounce", "bounce");
    }

    @Test
    void aNoticeThatDidNotGoOutIsSentAtTheNextPoll() throws Exception {
        Deal deal = deals.get(deals.open(TestDeals.openingWithConsent("sam")));
        toProposalSent(instance(deal));
        deliverBounce(buyer(deal), "5.1.1", "failed");
        assertThat(reader().poll()).isEqualTo(1);
        int noticesBefore = notices(deal).size();
        // as if the mail server had refused the owner's notice
        assertThat(jdbc.update("update follow_up set status = 'FAILED', sent_at = null where deal_id = ?"
                + " and kind = 'UNDELIVERABLE_NOTICE'", deal.getId())).isOne();

        assertThat(reader().poll()).isZero();

        assertThat(notices(deal)).hasSize(noticesBefore + 1);
        assertThat(followUpRows.findByDealIdOrderByCreatedAtAscIdAsc(deal.getId()))
                .filteredOn(row -> row.getKind() == FollowUpKind.UNDELIVERABLE_NOTICE).singleElement()
                .extracting(FollowUp::getStatus).isEqualTo(FollowUpStatus.SENT);
        assertThat(reader().poll()).isZero();
        assertThat(notices(deal)).as("sent, so not again").hasSize(noticesBefore + 1);
    }

    @Test
    void aTemporaryFailureIsOnlyRecorded() throws Exception {
        Deal deal = deals.get(deals.open(TestDeals.openingWithConsent("sam")));
        toProposalSent(instance(deal));

        deliverBounce(buyer(deal), "4.2.2", "delayed");
        assertThat(reader().poll()).isEqualTo(1);

        assertThat(contacts.findByEmail(buyer(deal)).orElseThrow().isDeliverable()).isTrue();
        assertThat(jdbc.queryForObject("select outcome from inbox_message where contact_id = ?", String.class,
                contacts.findByEmail(buyer(deal)).orElseThrow().getId())).startsWith("temporary failure: 4.2.2");
    }

    @Test
    void anOutOfOfficeReplyIsRecordedAndStopsNothing() throws Exception {
        Deal deal = deals.get(deals.open(TestDeals.openingWithConsent("sam")));
        ProcessInstance instance = instance(deal);
        toProposalSent(instance);

        deliver(buyer(deal), "Automatic reply: Any questions?", "Auto-Submitted: auto-replied\r\n",
                "I am out of the office until Monday.");
        deliver(buyer(deal), "Abwesenheitsnotiz: Ihr Angebot", "", "Ich bin bis Montag nicht im Büro.");
        deliver(buyer(deal), "Away", "X-Autoreply: yes\r\n", "Back soon.");
        deliver(buyer(deal), "Away again", "Precedence: auto_reply\r\n", "Back soon.");

        assertThat(reader().poll()).isEqualTo(4);

        BpmnAwareTests.assertThat(instance).hasNotPassed("ProspectReplied").isWaitingAt("ProposalSent");
        assertThat(management.createJobQuery().processInstanceId(instance.getId()).timers().count()).isPositive();
        assertThat(replies(deal)).extracting(InboxStore.Entry::kind).containsOnly("auto-reply").hasSize(4);
    }

    @Test
    void aRestartedReaderReadsNothingTwiceAndARenumberedFolderRepeatsNothing() throws Exception {
        Deal deal = deals.get(deals.open(TestDeals.openingWithConsent("sam")));
        ProcessInstance instance = instance(deal);
        toProposalSent(instance);
        deliver(buyer(deal), "Re: our call", "", "Sounds good.");
        assertThat(reader().poll()).isEqualTo(1);

        assertThat(reader().poll()).as("a new reader, as after a restart").isZero();

        deliver(buyer(deal), "Re: our call", "", "One more thing.");
        assertThat(reader().poll()).isEqualTo(1);
        // the server renumbered the folder (another UIDVALIDITY): what arrived lately is read again, acted on never
        jdbc.update("update inbox_state set uid_validity = uid_validity - 1 where mailbox = ?", settings.mailbox());
        assertThat(reader().poll()).as("both read again").isEqualTo(2);
        assertThat(reader().poll()).as("and then known under the new UIDVALIDITY").isZero();
        assertThat(replies(deal)).hasSize(2);
        assertThat(jdbc.queryForObject("select count(*) from inbox_message where mailbox = ?", Integer.class,
                settings.mailbox())).isEqualTo(2);
    }

    @Test
    void theSameMessageDeliveredTwiceIsActedOnOnce() throws Exception {
        Deal deal = deals.get(deals.open(TestDeals.openingWithConsent("sam")));
        toProposalSent(instance(deal));
        String messageId = "<" + UUID.randomUUID() + "@mail.example>";
        deliver(buyer(deal), "Re: proposal", "", "Yes.", messageId);
        deliver(buyer(deal), "Re: proposal", "", "Yes.", messageId);

        assertThat(reader().poll()).isEqualTo(2);

        assertThat(replies(deal)).hasSize(1);
    }

    @Test
    void aReplyOfALeadInNurturingQualifiesItAgain() throws Exception {
        String email = "lee-" + UUID.randomUUID().toString().substring(0, 8) + "@nurtured.example";
        LeadCaptured lead = intake.capture(new LeadSubmission(new ContactDetails(email, "Lee", "Prospect", null, null,
                new MarketingConsent(true, Instant.now(), "test", "Yes, email me.")), "Nurtured Ltd",
                "https://nurtured.example", new QualificationAnswers(true, false, true, "QUARTER", 250), null, "api"));
        assertThat(lead.outcome()).isEqualTo("MQL");
        ProcessInstance process = runtime.createProcessInstanceQuery()
                .processInstanceId(leads.get(lead.leadId()).getProcessInstanceId()).singleResult();
        BpmnAwareTests.assertThat(process).isWaitingAt("NurtureWait1");

        deliver(email, "Re: Three ways teams like yours save a day a week", "", "Interesting, tell me more.");
        assertThat(reader().poll()).isEqualTo(1);

        BpmnAwareTests.assertThat(process).hasPassed("LeadEngaged");
        assertThat(jdbc.queryForObject("select outcome from inbox_message where lead_id = ?", String.class,
                lead.leadId())).isEqualTo("lead engaged: qualified again as MQL");
        assertThat(leads.view(lead.leadId()).parts().get("replies")).singleElement()
                .isInstanceOfSatisfying(InboxStore.Entry.class, reply -> {
                    assertThat(reply.kind()).isEqualTo("reply");
                    assertThat(reply.snippet()).isEqualTo("Interesting, tell me more.");
                });
        assertThat(leads.view(lead.leadId()).undeliverable()).isFalse();

        deliverBounce(email, "5.1.1", "failed");
        assertThat(reader().poll()).isEqualTo(1);
        assertThat(leads.view(lead.leadId()).undeliverable()).as("the lead shows its bounced address").isTrue();
    }

    @Test
    void erasingThePersonErasesWhatTheyWroteToTheMailbox() throws Exception {
        Deal deal = deals.get(deals.open(TestDeals.openingWithConsent("sam")));
        toProposalSent(instance(deal));
        String buyer = buyer(deal);
        deliver(buyer, "Re: proposal from Dana", "", "Dana here, call me on +40 21 000 0000.");
        assertThat(reader().poll()).isEqualTo(1);
        long contactId = contacts.findByEmail(buyer).orElseThrow().getId();
        // the right of access shows what we keep of it
        assertThat(personalData.export(contactId, "demo").mailbox()).singleElement().satisfies(message -> {
            assertThat(message.kind()).isEqualTo("reply");
            assertThat(message.sender()).isEqualToIgnoringCase(buyer);
            assertThat(message.subject()).isEqualTo("Re: proposal from Dana");
            assertThat(message.snippet()).contains("+40 21 000 0000");
            assertThat(message.dealId()).isEqualTo(deal.getId());
        });

        personalData.erase(contactId, "demo");

        assertThat(replies(deal)).singleElement().satisfies(reply -> {
            assertThat(reply.from()).isNull();
            assertThat(reply.subject()).isNull();
            assertThat(reply.snippet()).isNull();
        });
    }

    @Test
    void unmatchedMailIsLeftAlone() throws Exception {
        Deal deal = deals.get(deals.open(TestDeals.openingWithConsent("sam")));
        ProcessInstance instance = instance(deal);
        toProposalSent(instance);
        String stranger = "stranger-" + UUID.randomUUID().toString().substring(0, 8) + "@elsewhere.example";

        deliver(stranger, "Re: Any questions about our proposal?",
                "In-Reply-To: <" + UUID.randomUUID() + "@example.com>\r\n", "Who are you?");
        assertThat(reader().poll()).isEqualTo(1);

        BpmnAwareTests.assertThat(instance).hasNotPassed("ProspectReplied");
        assertThat(replies(deal)).isEmpty();
        assertThat(jdbc.queryForObject("select outcome from inbox_message where sender = ?", String.class, stranger))
                .isEqualTo("unmatched");
        assertThat(contacts.findByEmail(stranger)).isEmpty();
        // the message is still in the mailbox, unchanged: the reader never writes to it
        assertThat(sales.getEmail()).isNotNull();
        assertThat(mail.getReceivedMessagesForDomain("ourcompany.example")).isNotEmpty();
    }

    @Test
    void anotherNodeReadingTheMailboxIsLeftToIt() throws Exception {
        Deal deal = deals.get(deals.open(TestDeals.openingWithConsent("sam")));
        toProposalSent(instance(deal));
        deliver(buyer(deal), "Re: hi", "", "Hello.");
        Instant now = Instant.now();
        assertThat(store.claim(settings.mailbox(), "other-node", now, now.plusSeconds(60))).isTrue();

        assertThat(reader().poll()).isZero();

        store.release(settings.mailbox(), "other-node");
        assertThat(reader().poll()).isEqualTo(1);
    }

    private InboxReader reader() {
        return new InboxReader(settings, store, actions, "test-node");
    }

    private void deliver(String from, String subject, String headers, String body) throws Exception {
        deliver(from, subject, headers, body, "<" + UUID.randomUUID() + "@mail.example>");
    }

    private void deliver(String from, String subject, String headers, String body, String messageId)
            throws Exception {
        deliver(("From: " + from + "\r\nTo: " + sales.getEmail() + "\r\nSubject: " + subject + "\r\nMessage-ID: "
                + messageId + "\r\nDate: Mon, 7 Dec 2026 12:00:00 +0000\r\n" + headers
                + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n" + body.replace("\n", "\r\n")));
    }

    private void deliverBounce(String recipient, String status, String action) throws Exception {
        String boundary = "report-" + UUID.randomUUID();
        deliver("From: Mail Delivery System <MAILER-DAEMON@mx.elsewhere.example>\r\nTo: " + sales.getEmail()
                + "\r\nSubject: Undelivered Mail Returned to Sender\r\nMessage-ID: <" + UUID.randomUUID()
                + "@mx.elsewhere.example>\r\nAuto-Submitted: auto-replied\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"" + boundary + "\"\r\n\r\n"
                + "--" + boundary + "\r\nContent-Type: text/plain\r\n\r\nYour message could not be delivered.\r\n"
                + "--" + boundary + "\r\nContent-Type: message/delivery-status\r\n\r\n"
                + "Reporting-MTA: dns; mx.elsewhere.example\r\n\r\n"
                + "Final-Recipient: rfc822; " + recipient + "\r\nAction: " + action + "\r\nStatus: " + status
                + "\r\nDiagnostic-Code: smtp; 550 " + status + " mailbox unavailable\r\n\r\n"
                + "--" + boundary + "\r\nContent-Type: text/rfc822-headers\r\n\r\n"
                + "From: dealflow@example.com\r\nTo: " + recipient + "\r\nSubject: Any questions?\r\n\r\n"
                + "--" + boundary + "--\r\n");
    }

    private void deliver(String raw) throws Exception {
        sales.deliver(new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8))));
    }

    @SuppressWarnings("unchecked")
    private List<InboxStore.Entry> replies(Deal deal) {
        return (List<InboxStore.Entry>) deals.view(deal.getId()).parts().get("replies");
    }

    private List<MimeMessage> notices(Deal deal) {
        return Mailbox.receivedBy(mail, "sam@example.com").stream()
                .filter(message -> Mailbox.subject(message).startsWith(deal.getReference() + " ")).toList();
    }

    private FollowUp sentFollowUp(Deal deal) {
        FollowUp row = followUpRows.findByDealIdOrderByCreatedAtAscIdAsc(deal.getId()).stream()
                .filter(f -> f.getKind() == FollowUpKind.PROPOSAL_FOLLOW_UP).findFirst().orElseThrow();
        assertThat(row.getStatus()).isEqualTo(FollowUpStatus.SENT);
        assertThat(row.getMessageId()).isNotNull();
        return row;
    }

    private String buyer(Deal deal) {
        return deals.view(deal.getId()).contacts().get(0).email();
    }

    private Instant toProposalSent(ProcessInstance instance) {
        complete(task("MeetingBooked", instance), withVariables("outcome", "advance"));
        complete(task("NeedsAssessed", instance), withVariables("outcome", "advance"));
        BpmnAwareTests.assertThat(instance).isWaitingAt("ProposalSent");
        return taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult().getCreateTime()
                .toInstant();
    }

    private ProcessInstance instance(Deal deal) {
        return runtime.createProcessInstanceQuery().processInstanceId(deal.getProcessInstanceId()).singleResult();
    }
}
