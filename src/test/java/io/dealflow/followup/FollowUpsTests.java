package io.dealflow.followup;

import static io.dealflow.support.ProcessSteps.fireTimer;
import static io.dealflow.support.ProcessSteps.timer;
import static io.dealflow.support.ProcessSteps.workEmailTask;
import io.dealflow.support.MailServer;
import io.dealflow.support.OnH2;
import io.dealflow.settings.DealflowProperties;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import com.icegreen.greenmail.util.GreenMailUtil;
import io.dealflow.deal.Deal;
import io.dealflow.deal.DealService;
import io.dealflow.deal.DealStatus;
import io.dealflow.contact.ContactService;
import io.dealflow.stage.SalesModel;
import io.dealflow.support.Api;
import io.dealflow.support.Mailbox;
import io.dealflow.support.TestDeals;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.externaltask.ExternalTask;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The follow-up emails against a real SMTP server (GreenMail on the port application-test.yaml names). */
@OnH2
class FollowUpsTests {

    @RegisterExtension
    static MailServer smtp = new MailServer();

    @Autowired
    DealflowProperties settings;
    @Autowired
    DealFollowUps dealFollowUps;

    @Autowired
    ProcessEngine engine;
    @Autowired
    RuntimeService runtime;
    @Autowired
    ManagementService management;
    @Autowired
    IdentityService identities;
    @Autowired
    DealService deals;
    @Autowired
    DealContactEmails dealEmails;
    @Autowired
    FollowUpSender sender;
    @Autowired
    FollowUpWorker worker;
    @Autowired
    KeptFollowUps keptFollowUps;
    @Autowired
    ExternalTaskService externalTasks;
    @Autowired
    FollowUpRepository followUpRows;
    @Autowired
    FollowUpOutbox outbox;
    @Autowired
    WorkerId workerId;
    @Autowired
    MailWorkerProperties mailWorkerSettings;
    @Autowired
    FollowUpComposer composer;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    SalesModel salesModel;
    @Autowired
    ContactService contacts;
    @Autowired
    TaskService taskService;
    @LocalServerPort
    int port;

    @BeforeEach
    void useSpringEngine() {
        BpmnAwareTests.init(engine);
    }

    @AfterEach
    void realTime() {
        ClockUtil.reset();
    }

    @Test
    void anUnansweredProposalIsFollowedUpTwiceThenItsOwnerIsReminded() throws Exception {
        Deal deal = deals.get(deals.open(TestDeals.openingWithConsent("sam")));
        ProcessInstance instance = instance(deal);
        String recipient = recipient(deal);
        Instant proposalSent = toProposalSent(instance);

        Job first = timer(management, instance.getId(), "ProposalUnanswered3Days");
        assertThat(first.getDuedate().toInstant()).isBetween(proposalSent.plus(Duration.ofDays(3)).minusSeconds(5),
                proposalSent.plus(Duration.ofDays(3)).plusSeconds(5));
        fireTimer(management, instance.getId(), "ProposalUnanswered3Days", proposalSent.plus(Duration.ofDays(3)).plusSeconds(1));
        workEmailTask(worker, externalTasks, instance.getId(), "SendProposalFollowUp");
        MimeMessage followUp = smtp.receivedBy(recipient).get(0);
        assertThat(followUp.getSubject()).isEqualTo("Any questions about our proposal for " + deals.view(deal.getId()).company().name() + "?");
        assertThat(GreenMailUtil.getBody(followUp)).contains("Hello Dana", deal.getTitle(), "/api/unsubscribe/");
        assertThat(followUp.getHeader("List-Unsubscribe")[0]).contains("/api/unsubscribe/");
        assertThat(followUp.getHeader("List-Unsubscribe-Post")).as("one-click needs an https link (RFC 8058)").isNull();
        // a reply reaches the sales mailbox the inbox reads, and the deal's owner
        assertThat(followUp.getReplyTo()).extracting(Object::toString)
                .containsExactly("sales@example.com", "sam@example.com");
        // the Message-ID is of our sending domain and was recorded on the row: a reply naming it finds the deal
        assertThat(followUp.getMessageID()).matches("<[0-9a-f-]{36}@example\\.com>");
        assertThat(followUpRows.findByDealIdOrderByCreatedAtAscIdAsc(deal.getId()))
                .filteredOn(row -> row.getKind() == FollowUpKind.PROPOSAL_FOLLOW_UP)
                .singleElement().extracting(FollowUp::getMessageId).isEqualTo(followUp.getMessageID());

        Job second = timer(management, instance.getId(), "ProposalUnanswered7Days");
        assertThat(second.getDuedate().toInstant()).isAfterOrEqualTo(proposalSent.plus(Duration.ofDays(7)).minusSeconds(5));
        fireTimer(management, instance.getId(), "ProposalUnanswered7Days", proposalSent.plus(Duration.ofDays(7)).plusSeconds(1));
        workEmailTask(worker, externalTasks, instance.getId(), "SendSecondProposalFollowUp");
        assertThat(smtp.receivedBy(recipient)).hasSize(2);
        assertThat(smtp.receivedBy(recipient).get(1).getSubject()).startsWith("Our proposal for");

        fireTimer(management, instance.getId(), "ProposalUnanswered10Days", proposalSent.plus(Duration.ofDays(10)).plusSeconds(1));
        workEmailTask(worker, externalTasks, instance.getId(), "RemindOwnerOfProposal");
        assertThat(smtp.receivedBy("sam@example.com")).filteredOn(mail -> subject(mail).startsWith(deal.getReference()))
                .singleElement().satisfies(mail -> {
                    assertThat(mail.getSubject()).contains("still unanswered");
                    assertThat(GreenMailUtil.getBody(mail)).contains("10 days");
                    assertThat(mail.getHeader("Reply-To")).as("a reminder to our own user").isNull();
                });
        // the stage itself waits for the rep
        BpmnAwareTests.assertThat(instance).isWaitingAt("ProposalSent");
        assertThat(dealFollowUps.of(deal.getId())).extracting(f -> f.kind())
                .contains(FollowUpKind.PROPOSAL_FOLLOW_UP, FollowUpKind.PROPOSAL_SECOND_FOLLOW_UP,
                        FollowUpKind.PROPOSAL_OWNER_REMINDER);
    }

    @Test
    void leavingTheStageCancelsItsPendingFollowUps() {
        Deal deal = deals.get(deals.open(TestDeals.openingWithConsent("sam")));
        ProcessInstance instance = instance(deal);
        Instant proposalSent = toProposalSent(instance);
        fireTimer(management, instance.getId(), "ProposalUnanswered3Days", proposalSent.plus(Duration.ofDays(3)).plusSeconds(1));
        BpmnAwareTests.assertThat(instance).isWaitingAt("ProposalSent", "SendProposalFollowUp");

        complete(task("ProposalSent", instance), withVariables("outcome", "advance"));

        BpmnAwareTests.assertThat(instance).isWaitingAt("TermsNegotiated");
        assertThat(management.createJobQuery().processInstanceId(instance.getId()).timers().count()).isZero();
        assertThat(externalTasks.createExternalTaskQuery().processInstanceId(instance.getId())
                .activityId("SendProposalFollowUp").count()).isZero();
        assertThat(smtp.receivedBy(recipient(deal))).isEmpty();
    }

    @Test
    void aReplyFromTheProspectStopsTheFollowUpsButNotTheStage() {
        Deal deal = deals.get(deals.open(TestDeals.openingWithConsent("sam")));
        ProcessInstance instance = instance(deal);
        toProposalSent(instance);
        Api api = new Api(port);

        Api.Response reply = api.post("/api/deals/" + deal.getId() + "/replies", "{}", "sam");

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().get("followUpsStopped").asInt()).isEqualTo(1);
        BpmnAwareTests.assertThat(instance).hasPassed("ProspectReplied", "FollowUpsStopped").isWaitingAt("ProposalSent");
        assertThat(management.createJobQuery().processInstanceId(instance.getId()).timers().count()).isZero();
        assertThat(api.post("/api/deals/" + deal.getId() + "/replies", "{}", "sam").json()
                .get("followUpsStopped").asInt()).isZero();
        assertThat(api.post("/api/deals/999999999/replies", "{}", "sam").status()).isEqualTo(404);
        assertThat(api.post("/api/deals/" + deal.getId() + "/replies", "{}", null).status()).isEqualTo(401);
    }

    @Test
    void anUnsubscribedContactGetsNoMoreMarketingEmail() throws Exception {
        Deal deal = deals.get(deals.open(TestDeals.openingWithConsent("sam")));
        ProcessInstance instance = instance(deal);
        String recipient = recipient(deal);
        Instant proposalSent = toProposalSent(instance);
        fireTimer(management, instance.getId(), "ProposalUnanswered3Days", proposalSent.plus(Duration.ofDays(3)).plusSeconds(1));
        workEmailTask(worker, externalTasks, instance.getId(), "SendProposalFollowUp");
        String link = GreenMailUtil.getBody(smtp.receivedBy(recipient).get(0))
                .replaceAll("(?s).*(/api/unsubscribe/[A-Za-z0-9_-]+).*", "$1");
        assertThat(link).hasSizeGreaterThan("/api/unsubscribe/".length() + 40);

        Api.Response confirm = new Api(port).get(link, null);
        assertThat(confirm.status()).isEqualTo(200);
        assertThat(confirm.body()).contains("Unsubscribe from our emails?", recipient);
        assertThat(contacts.get(deals.view(deal.getId()).contacts().get(0).id()).mayReceiveMarketing())
                .as("a GET only shows the page").isTrue();

        Api.Response page = new Api(port).post(link, "", "application/x-www-form-urlencoded", null);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains("You are unsubscribed", recipient);
        Long contactId = deals.view(deal.getId()).contacts().get(0).id();
        assertThat(contacts.get(contactId).mayReceiveMarketing()).isFalse();
        assertThat(contacts.get(contactId).getConsent().getSource()).isEqualTo("unsubscribe link");

        fireTimer(management, instance.getId(), "ProposalUnanswered7Days", proposalSent.plus(Duration.ofDays(7)).plusSeconds(1));
        workEmailTask(worker, externalTasks, instance.getId(), "SendSecondProposalFollowUp");
        assertThat(smtp.receivedBy(recipient)).hasSize(1);
        assertThat(dealFollowUps.of(deal.getId())).filteredOn(f -> f.kind() == FollowUpKind.PROPOSAL_SECOND_FOLLOW_UP)
                .singleElement().satisfies(f -> assertThat(f.status()).isEqualTo(FollowUpStatus.NOT_SENT_NO_CONSENT));
        assertThat(new Api(port).get("/api/unsubscribe/not-a-token", null).status()).isEqualTo(404);
    }

    @Test
    void aContactWhoNeverConsentedGetsNoMarketingEmailButTheMeetingConfirmation() throws Exception {
        Deal deal = deals.get(deals.open(TestDeals.opening("sam")));
        ProcessInstance instance = instance(deal);
        String recipient = recipient(deal);
        workEmailTask(worker, externalTasks, instance.getId(), "SendMeetingConfirmation");
        Instant proposalSent = toProposalSent(instance);
        fireTimer(management, instance.getId(), "ProposalUnanswered3Days", proposalSent.plus(Duration.ofDays(3)).plusSeconds(1));
        workEmailTask(worker, externalTasks, instance.getId(), "SendProposalFollowUp");

        assertThat(smtp.receivedBy(recipient)).extracting(FollowUpsTests::subject).singleElement()
                .satisfies(subject -> assertThat(subject).startsWith("Your meeting with"));
        assertThat(dealFollowUps.of(deal.getId())).filteredOn(f -> f.kind() == FollowUpKind.PROPOSAL_FOLLOW_UP)
                .singleElement().satisfies(f -> assertThat(f.status()).isEqualTo(FollowUpStatus.NOT_SENT_NO_CONSENT));
    }

    @Test
    void aDealIdlePastItsStageLimitRemindsItsOwnerOnceThenManagement() throws Exception {
        Deal deal = deals.get(deals.open(TestDeals.opening("sam")));
        Instant opened = deal.getStageEnteredAt();
        assertThat(management.createJobQuery().processDefinitionKey("idle-deal-watch").timers().count()).isOne();

        watchIdleDeals(opened.plus(Duration.ofDays(6)));
        assertThat(aboutDeal(smtp.receivedBy("sam@example.com"), deal)).isEmpty();

        watchIdleDeals(opened.plus(Duration.ofDays(8)));
        watchIdleDeals(opened.plus(Duration.ofDays(9)));
        assertThat(aboutDeal(smtp.receivedBy("sam@example.com"), deal)).singleElement().satisfies(mail -> {
            assertThat(mail.getSubject()).isEqualTo(deal.getReference() + " " + deals.view(deal.getId()).company().name()
                    + " has been in \"Meeting booked\" for 8 days");
            assertThat(GreenMailUtil.getBody(mail)).contains("within 7 days").doesNotContain("no monthly value");
        });
        assertThat(aboutDeal(smtp.receivedBy("mia@example.com"), deal)).isEmpty();

        watchIdleDeals(opened.plus(Duration.ofDays(15)));
        assertThat(aboutDeal(smtp.receivedBy("mia@example.com"), deal)).singleElement()
                .satisfies(mail -> assertThat(mail.getSubject()).startsWith("Escalation: " + deal.getReference()));
        assertThat(aboutDeal(smtp.receivedBy("sam@example.com"), deal)).hasSize(1);
    }

    @Test
    void anIdleTeamDealRemindsEveryRepOfTheTeam() throws Exception {
        Deal deal = deals.get(deals.open(TestDeals.opening(null)));

        watchIdleDeals(deal.getStageEnteredAt().plus(Duration.ofDays(8)));

        // sam is the sales group's demo member with an email address; the team deal is his to take too
        assertThat(aboutDeal(smtp.receivedBy("sam@example.com"), deal)).singleElement()
                .satisfies(mail -> assertThat(GreenMailUtil.getBody(mail)).contains("the sales team"));
    }

    @Test
    void theIdleReminderSaysWhenTheDealStillHasNoValue() throws Exception {
        Deal deal = deals.get(deals.open(TestDeals.opening("sam", null, "EUR")));

        watchIdleDeals(deal.getStageEnteredAt().plus(Duration.ofDays(8)));

        assertThat(aboutDeal(smtp.receivedBy("sam@example.com"), deal)).singleElement().satisfies(mail -> {
            // quoted-printable may break long lines: read the body without its soft line breaks
            String body = GreenMailUtil.getBody(mail).replaceAll("=\\r?\\n", "");
            assertThat(body).contains("It still has no monthly value").contains("enter it on the stage form");
        });
    }

    @Test
    void aDealWhoseProcessWasCancelledInCockpitIsClosedByTheWatch() {
        Deal deal = deals.get(deals.open(TestDeals.opening("sam")));
        // as Cockpit's "cancel" does by default: custom listeners skipped, so no stage listener runs
        runtime.deleteProcessInstance(deal.getProcessInstanceId(), "cancelled in Cockpit", true);
        assertThat(deals.get(deal.getId()).getStatus()).isEqualTo(DealStatus.OPEN);

        watchIdleDeals(Instant.now());

        Deal closed = deals.get(deal.getId());
        assertThat(closed.getStatus()).isEqualTo(DealStatus.LOST);
        assertThat(closed.getLostReason()).isEqualTo(io.dealflow.deal.LostReason.OTHER);
        assertThat(deals.view(deal.getId()).history()).allSatisfy(visit -> assertThat(visit.leftAt()).isNotNull());
    }

    /** One run of the idle deal watch, as its hourly timer would start it, at the given moment. */
    private void watchIdleDeals(Instant at) {
        ClockUtil.setCurrentTime(Date.from(at));
        ProcessInstance watch = runtime.startProcessInstanceByKey("idle-deal-watch");
        workEmailTask(worker, externalTasks, watch.getId(), "RemindOwnersOfIdleDeals");
        BpmnAwareTests.assertThat(watch).isEnded();
    }

    private static List<MimeMessage> aboutDeal(List<MimeMessage> mails, Deal deal) {
        return mails.stream().filter(mail -> subject(mail).contains(deal.getReference() + " ")).toList();
    }

    /** Advances the deal from its first stage to "Proposal sent"; answers when it got there. */
    private Instant toProposalSent(ProcessInstance instance) {
        complete(task("MeetingBooked", instance), withVariables("outcome", "advance"));
        complete(task("NeedsAssessed", instance), withVariables("outcome", "advance"));
        BpmnAwareTests.assertThat(instance).isWaitingAt("ProposalSent");
        return taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult().getCreateTime()
                .toInstant();
    }

    private static String subject(MimeMessage mail) {
        return Mailbox.subject(mail);
    }

    @Test
    void theMeetingConfirmationArrivesWithACalendarInvite() throws Exception {
        Deal deal = deals.get(deals.open(TestDeals.opening("sam")));
        ProcessInstance instance = instance(deal);
        String recipient = recipient(deal);

        BpmnAwareTests.assertThat(instance).isWaitingAt("MeetingBooked", "SendMeetingConfirmation");
        workEmailTask(worker, externalTasks, instance.getId(), "SendMeetingConfirmation");

        BpmnAwareTests.assertThat(instance).hasPassed("SendMeetingConfirmation", "MeetingConfirmed")
                .isWaitingAt("MeetingBooked");
        List<MimeMessage> received = smtp.receivedBy(recipient);
        assertThat(received).hasSize(1);
        MimeMessage mail = received.get(0);
        assertThat(mail.getSubject()).contains("Your meeting with").contains("3 December 2026, 10:00 UTC");
        assertThat(GreenMailUtil.getBody(mail)).contains("Hello Dana").contains(deal.getTitle());
        assertThat(mail.getMessageID()).matches("<[0-9a-f-]{36}@example\\.com>");
        assertThat(mail.getReplyTo()).extracting(Object::toString)
                .containsExactly("sales@example.com", "sam@example.com");
        String ics = calendarRequest(mail);
        assertThat(ics).contains("METHOD:REQUEST", "DTSTART:20261203T100000Z", "DTEND:20261203T103000Z",
                "UID:" + MeetingInvite.uid(deal.getId()), "ORGANIZER:mailto:sam@example.com",
                "mailto:" + recipient);
        net.fortuna.ical4j.model.Calendar calendar = MeetingInviteTests.parse(ics);
        assertThat(calendar.validate().getEntries()).isEmpty();
        net.fortuna.ical4j.model.component.VEvent event = MeetingInviteTests.event(calendar);
        assertThat(MeetingInviteTests.value(event, "UID")).isEqualTo(MeetingInvite.uid(deal.getId()));
        assertThat(MeetingInviteTests.value(event, "DTSTART")).isEqualTo("20261203T100000Z");
        assertThat(MeetingInviteTests.value(event, "ORGANIZER")).isEqualToIgnoringCase("mailto:sam@example.com");
        assertThat(MeetingInviteTests.value(event, "ATTENDEE")).isEqualToIgnoringCase("mailto:" + recipient);
        assertThat(MeetingInviteTests.value(event, "SUMMARY")).isEqualTo(mail.getSubject());

        assertThat(dealFollowUps.of(deal.getId())).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FollowUpKind.MEETING_CONFIRMATION);
            assertThat(f.recipient()).isEqualTo(recipient);
            assertThat(f.status()).isEqualTo(FollowUpStatus.SENT);
            assertThat(f.sentAt()).isNotNull();
        });
    }

    @Test
    void aLongNonAsciiNameIsFoldedOnOctetsInTheInvitationAndReadWhole() throws Exception {
        String unique = java.util.UUID.randomUUID().toString().substring(0, 8);
        String domain = "long-" + unique + ".example";
        String firstName = MeetingInviteTests.longText(100);
        String lastName = MeetingInviteTests.longText(99);
        Deal deal = deals.get(deals.open(new io.dealflow.deal.DealOpening(MeetingInviteTests.LONG_TITLE,
                MeetingInviteTests.longText(200), domain, List.of(new io.dealflow.deal.DealOpening.Participant(
                        new io.dealflow.contact.ContactDetails("buyer@" + domain, firstName, lastName, null, null,
                                null), io.dealflow.deal.ContactRole.DECISION_MAKER)),
                new io.dealflow.deal.MonthlyValue(new java.math.BigDecimal("100.00"), "EUR"), "sam",
                Instant.parse("2026-12-03T10:00:00Z"))));

        workEmailTask(worker, externalTasks, instance(deal).getId(), "SendMeetingConfirmation");

        MimeMessage mail = smtp.receivedBy("buyer@" + domain).get(0);
        String ics = calendarRequest(mail);
        MeetingInviteTests.assertFoldedOnOctets(ics);
        net.fortuna.ical4j.model.component.VEvent event = MeetingInviteTests.event(MeetingInviteTests.parse(ics));
        assertThat(event.<net.fortuna.ical4j.model.Property>getRequiredProperty("ATTENDEE").getParameter("CN")
                .orElseThrow().getValue()).isEqualTo(contacts.get(deals.view(deal.getId()).contacts().get(0).id())
                .displayName());
        assertThat(MeetingInviteTests.value(event, "SUMMARY")).isEqualTo(mail.getSubject());
    }

    @Test
    void oneClickUnsubscribeIsOfferedOnlyWithAnHttpsLink() throws Exception {
        Deal deal = deals.get(deals.open(TestDeals.openingWithConsent("sam")));
        String recipient = recipient(deal);
        ComposedMail mail = new ComposedMail("News", "Hello", "<p>Hello</p>", null);

        sender.deliver(List.of(email(deal, "https", "https://deals.example/api/unsubscribe/t1", mail),
                email(deal, "http", "http://localhost:8080/api/unsubscribe/t2", mail)));

        List<MimeMessage> received = smtp.receivedBy(recipient);
        assertThat(received).hasSize(2);
        assertThat(received.get(0).getHeader("List-Unsubscribe")).containsExactly("<https://deals.example/api/unsubscribe/t1>");
        assertThat(received.get(0).getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
        // RFC 8058 3.1: no one-click without https; the link still leads to the page that asks (RFC 2369)
        assertThat(received.get(1).getHeader("List-Unsubscribe")).containsExactly("<http://localhost:8080/api/unsubscribe/t2>");
        assertThat(received.get(1).getHeader("List-Unsubscribe-Post")).isNull();
    }

    /** A marketing email to the deal's contact as the drafts make it, with its row in the outbox. */
    private Outgoing email(Deal deal, String occasion, String unsubscribeUrl, ComposedMail mail) {
        Long contactId = deals.view(deal.getId()).contacts().get(0).id();
        FollowUp row = outbox.row(new FollowUp(deal.getId(), null, contactId, FollowUpKind.NURTURE_FIRST,
                recipient(deal), mail.subject(), deal.getId() + ":test:" + occasion, Instant.now()));
        return new Outgoing(row.getId(), row.getMessageId(), FollowUpKind.NURTURE_FIRST, deal.getReference(),
                recipient(deal), List.of("sales@example.com"), mail, unsubscribeUrl, false);
    }

    /**
     * The invitation as calendar clients look for it: multipart/mixed holding a multipart/alternative of text/plain,
     * text/html and text/calendar (method=REQUEST, UTF-8), and the same invitation attached as invite.ics; answers the
     * calendar part's text, transfer encoding undone.
     */
    private static String calendarRequest(MimeMessage mail) throws Exception {
        assertThat(contentType(mail)).startsWith("multipart/mixed");
        jakarta.mail.Multipart mixed = (jakarta.mail.Multipart) mail.getContent();
        assertThat(contentType(mixed.getBodyPart(0))).startsWith("multipart/alternative");
        jakarta.mail.Multipart alternative = (jakarta.mail.Multipart) mixed.getBodyPart(0).getContent();
        assertThat(alternative.getCount()).isEqualTo(3);
        assertThat(contentType(alternative.getBodyPart(0))).startsWith("text/plain").contains("charset=utf-8");
        assertThat(contentType(alternative.getBodyPart(1))).startsWith("text/html").contains("charset=utf-8");
        Part calendar = alternative.getBodyPart(2);
        assertThat(new jakarta.mail.internet.ContentType(calendar.getContentType())).satisfies(type -> {
            assertThat(type.getBaseType()).isEqualToIgnoringCase("text/calendar");
            assertThat(type.getParameter("method")).isEqualTo("REQUEST");
            assertThat(type.getParameter("charset")).isEqualToIgnoringCase("UTF-8");
        });
        String ics = new String(calendar.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(mixed.getCount()).isEqualTo(2);
        Part attachment = mixed.getBodyPart(1);
        assertThat(attachment.getDisposition()).isEqualToIgnoringCase(Part.ATTACHMENT);
        assertThat(attachment.getFileName()).isEqualTo("invite.ics");
        assertThat(new String(attachment.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo(ics);
        return ics;
    }

    @Test
    void theSameFollowUpIsSentOnceWhenItsWorkRunsAgain() throws Exception {
        Deal deal = deals.get(deals.open(TestDeals.opening("sam")));
        String recipient = recipient(deal);

        workEmailTask(worker, externalTasks, instance(deal).getId(), "SendMeetingConfirmation");
        sender.deliver(dealEmails.meetingConfirmations(deal.getId()));
        sender.deliver(dealEmails.meetingConfirmations(deal.getId()));

        assertThat(smtp.receivedBy(recipient)).hasSize(1);
        assertThat(followUpRows.findByDealIdOrderByCreatedAtAscIdAsc(deal.getId())).singleElement()
                .extracting(FollowUp::getStatus).isEqualTo(FollowUpStatus.SENT);
    }

    @Test
    void whileSmtpIsDownTheTaskRetriesThenRaisesAnIncidentAndARetryLaterSendsOnce() throws Exception {
        smtp.stop();
        Deal deal = deals.get(deals.open(TestDeals.opening("sam")));
        ProcessInstance instance = instance(deal);
        String recipient = recipient(deal);
        // opening the deal did not need the SMTP server
        BpmnAwareTests.assertThat(instance).isWaitingAt("MeetingBooked");

        ExternalTask task = emailTask("SendMeetingConfirmation", instance);
        Instant now = Instant.now();
        for (int expectedRetries = 2; expectedRetries >= 0; expectedRetries--) {
            assertThat(worker.workOn(instance.getId())).isOne();
            task = externalTasks.createExternalTaskQuery().externalTaskId(task.getId()).singleResult();
            assertThat(task.getRetries()).isEqualTo(expectedRetries);
            // not before its retry timeout (PT5M)
            assertThat(worker.workOn(instance.getId())).isZero();
            now = now.plus(Duration.ofMinutes(6));
            ClockUtil.setCurrentTime(Date.from(now));
        }
        assertThat(worker.workOn(instance.getId())).as("no retries left").isZero();
        assertThat(runtime.createIncidentQuery().processInstanceId(instance.getId()).list()).singleElement()
                .satisfies(incident -> assertThat(incident.getActivityId()).isEqualTo("SendMeetingConfirmation"));
        // what the engine keeps of the failure (shown in Cockpit, kept in history) names no person
        ExternalTask failed = externalTasks.createExternalTaskQuery().externalTaskId(task.getId()).singleResult();
        assertThat(failed.getErrorMessage()).contains("MEETING_CONFIRMATION").doesNotContain(recipient);
        assertThat(externalTasks.getExternalTaskErrorDetails(task.getId())).doesNotContain(recipient);
        assertThat(runtime.createIncidentQuery().processInstanceId(instance.getId()).singleResult()
                .getIncidentMessage()).doesNotContain(recipient);
        assertThat(dealFollowUps.of(deal.getId())).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo(FollowUpStatus.FAILED);
            assertThat(f.error()).isNotBlank();
            assertThat(f.attempts()).isEqualTo(3);
        });

        smtp.start();
        // as Cockpit's "retry" on the incident does
        externalTasks.setRetries(task.getId(), 1);
        assertThat(worker.workOn(instance.getId())).isOne();
        assertThat(worker.workOn(instance.getId())).isZero();

        assertThat(smtp.receivedBy(recipient)).hasSize(1);
        assertThat(runtime.createIncidentQuery().processInstanceId(instance.getId()).count()).isZero();
        BpmnAwareTests.assertThat(instance).hasPassed("SendMeetingConfirmation");
        assertThat(dealFollowUps.of(deal.getId())).singleElement()
                .satisfies(f -> assertThat(f.status()).isEqualTo(FollowUpStatus.SENT));
    }

    @Test
    void anEmailAnotherNodeIsSendingIsNotSentHereAndTheTaskIsLookedAtAgainWithItsRetries() throws Exception {
        Deal deal = deals.get(deals.open(TestDeals.opening("sam")));
        ProcessInstance instance = instance(deal);
        String recipient = recipient(deal);
        // another node composed the email and claimed it for its SMTP conversation, then its task lock ran out
        Outgoing email = dealEmails.meetingConfirmations(deal.getId()).get(0);
        assertThat(outbox.claim(email.rowId(), "other-node", Instant.now(), Duration.ofMinutes(2)))
                .isEqualTo(FollowUpOutbox.Claim.CLAIMED);

        assertThat(worker.workOn(instance.getId())).isOne();

        assertThat(smtp.receivedBy(recipient)).isEmpty();
        ExternalTask task = emailTask("SendMeetingConfirmation", instance);
        assertThat(task.getRetries()).as("not a failure: the retries are untouched").isEqualTo(3);
        assertThat(runtime.createIncidentQuery().processInstanceId(instance.getId()).count()).isZero();
        assertThat(followUpRows.findById(email.rowId()).orElseThrow().getStatus()).isEqualTo(FollowUpStatus.SENDING);

        // the other node died mid-send: once its claim has run out, this node sends the email, once
        ClockUtil.setCurrentTime(Date.from(Instant.now().plus(Duration.ofMinutes(3))));
        assertThat(worker.workOn(instance.getId())).isOne();
        assertThat(worker.workOn(instance.getId())).isZero();
        assertThat(smtp.receivedBy(recipient)).hasSize(1);
        BpmnAwareTests.assertThat(instance).hasPassed("SendMeetingConfirmation");
        assertThat(followUpRows.findById(email.rowId()).orElseThrow()).satisfies(row -> {
            assertThat(row.getStatus()).isEqualTo(FollowUpStatus.SENT);
            assertThat(row.getClaimedBy()).isNull();
        });
    }

    @Test
    void aWonDealWelcomesItsContacts() throws Exception {
        Deal deal = deals.get(deals.open(TestDeals.opening("sam")));
        ProcessInstance instance = instance(deal);
        String recipient = recipient(deal);
        for (int i = 0; i < 5; i++) {
            complete(task(instance), withVariables("outcome", "advance"));
        }
        BpmnAwareTests.assertThat(instance).isWaitingAt("SendWelcomeEmail");
        workEmailTask(worker, externalTasks, instance.getId(), "SendWelcomeEmail");

        BpmnAwareTests.assertThat(instance).isEnded();
        assertThat(smtp.receivedBy(recipient)).singleElement()
                .satisfies(mail -> assertThat(mail.getSubject()).startsWith("Welcome aboard"));
        // the terminate end event cancelled the meeting confirmation that was never run
        assertThat(management.createJobQuery().processInstanceId(instance.getId()).count()).isZero();
        assertThat(externalTasks.createExternalTaskQuery().processInstanceId(instance.getId()).count()).isZero();
        assertThat(deals.get(deal.getId()).getStatus()).isEqualTo(DealStatus.WON);
    }

    @Test
    void aLostDealGetsAClosingNoteUnlessItWasNotAFit() throws Exception {
        Deal lost = deals.get(deals.open(TestDeals.opening("sam")));
        ProcessInstance lostInstance = instance(lost);
        complete(task(lostInstance), withVariables("outcome", "lost", "lostReason", "NO_BUDGET"));
        workEmailTask(worker, externalTasks, lostInstance.getId(), "SendClosingEmail");
        assertThat(smtp.receivedBy(recipient(lost))).singleElement()
                .satisfies(mail -> assertThat(mail.getSubject()).isEqualTo("Thank you for considering us"));
        BpmnAwareTests.assertThat(lostInstance).isEnded();

        Deal notAFit = deals.get(deals.open(TestDeals.opening("sam")));
        complete(task(instance(notAFit)), withVariables("outcome", "lost", "lostReason", "NOT_A_FIT"));
        workEmailTask(worker, externalTasks, instance(notAFit).getId(), "SendClosingEmail");
        assertThat(smtp.receivedBy(recipient(notAFit))).isEmpty();
        assertThat(followUpRows.findByDealIdOrderByCreatedAtAscIdAsc(notAFit.getId())).isEmpty();
    }

    @Test
    void withoutAnSmtpServerTheEmailIsKeptAndSentOnceThereIsOne() {
        Deal deal = deals.get(deals.open(TestDeals.opening("sam")));
        // as Spring Boot leaves it without spring.mail.host: no JavaMailSender to be had
        FollowUpSender withoutSmtp = new FollowUpSender(outbox,
                new StaticListableBeanFactory().getBeanProvider(JavaMailSender.class), settings,
                workerId, mailWorkerSettings);

        withoutSmtp.deliver(dealEmails.meetingConfirmations(deal.getId()));

        assertThat(followUpRows.findByDealIdOrderByCreatedAtAscIdAsc(deal.getId())).singleElement()
                .satisfies(f -> {
                    assertThat(f.getStatus()).isEqualTo(FollowUpStatus.NOT_SENT_NO_SMTP);
                    assertThat(f.getSubject()).contains("Your meeting with");
                });
        assertThat(smtp.receivedBy(recipient(deal))).isEmpty();

        // the SMTP server is configured now (as at the next start): the kept email goes out as composed, once
        assertThat(keptFollowUps.sendKept()).isEqualTo(1);
        assertThat(keptFollowUps.sendKept()).isZero();
        assertThat(smtp.receivedBy(recipient(deal))).singleElement().satisfies(mail -> {
            assertThat(mail.getSubject()).contains("Your meeting with");
            assertThat(GreenMailUtil.getBody(mail)).contains("Hello Dana");
        });
        assertThat(followUpRows.findByDealIdOrderByCreatedAtAscIdAsc(deal.getId())).singleElement()
                .satisfies(f -> assertThat(f.getStatus()).isEqualTo(FollowUpStatus.SENT));
    }

    @Test
    void aKeptEmailToAnAddressThatBouncedMeanwhileIsNeverSent() {
        Deal deal = deals.get(deals.open(TestDeals.opening("sam")));
        FollowUpSender withoutSmtp = new FollowUpSender(outbox,
                new StaticListableBeanFactory().getBeanProvider(JavaMailSender.class), settings,
                workerId, mailWorkerSettings);
        withoutSmtp.deliver(dealEmails.meetingConfirmations(deal.getId()));
        new TransactionTemplate(transactions).executeWithoutResult(tx -> assertThat(
                contacts.markUndeliverable(recipient(deal), "5.1.1 no such user", Instant.now())).isPresent());

        assertThat(keptFollowUps.sendKept()).isZero();

        assertThat(smtp.receivedBy(recipient(deal))).isEmpty();
        assertThat(followUpRows.findByDealIdOrderByCreatedAtAscIdAsc(deal.getId())).singleElement()
                .satisfies(f -> assertThat(f.getStatus()).isEqualTo(FollowUpStatus.NOT_SENT_UNDELIVERABLE));
    }

    private ExternalTask emailTask(String activityId, ProcessInstance instance) {
        ExternalTask task = externalTasks.createExternalTaskQuery().processInstanceId(instance.getId())
                .activityId(activityId).singleResult();
        assertThat(task).as("the email task %s", activityId).isNotNull();
        return task;
    }

    private String recipient(Deal deal) {
        return deals.view(deal.getId()).contacts().get(0).email();
    }

    private ProcessInstance instance(Deal deal) {
        return runtime.createProcessInstanceQuery().processInstanceId(deal.getProcessInstanceId()).singleResult();
    }

    private static String contentType(Part part) {
        try {
            return part.getContentType().replaceAll("\\s+", " ").toLowerCase();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
