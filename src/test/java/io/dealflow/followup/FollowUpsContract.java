package io.dealflow.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.dealflow.deal.Deal;
import io.dealflow.deal.DealService;
import io.dealflow.deal.DealStatus;
import io.dealflow.support.TestDeals;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The follow-up emails against a real SMTP server (GreenMail on the port application-test.yaml names). */
abstract class FollowUpsContract {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP);

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
    FollowUpService followUps;
    @Autowired
    FollowUpRepository followUpRows;
    @Autowired
    FollowUpOutbox outbox;
    @Autowired
    FollowUpComposer composer;
    @Autowired
    PlatformTransactionManager transactions;

    @BeforeEach
    void useSpringEngine() {
        BpmnAwareTests.init(engine);
    }

    @Test
    void theMeetingConfirmationArrivesWithACalendarInvite() throws Exception {
        Deal deal = deals.get(deals.open(TestDeals.opening("sam")));
        ProcessInstance instance = instance(deal);
        String recipient = recipient(deal);

        BpmnAwareTests.assertThat(instance).isWaitingAt("MeetingBooked", "SendMeetingConfirmation");
        execute(job("SendMeetingConfirmation", instance));

        BpmnAwareTests.assertThat(instance).hasPassed("SendMeetingConfirmation", "MeetingConfirmed")
                .isWaitingAt("MeetingBooked");
        List<MimeMessage> received = receivedBy(recipient);
        assertThat(received).hasSize(1);
        MimeMessage mail = received.get(0);
        assertThat(mail.getSubject()).contains("Your meeting with").contains("3 December 2026, 10:00 UTC");
        assertThat(GreenMailUtil.getBody(mail)).contains("Hello Dana").contains(deal.getTitle());
        Part invite = parts(mail).stream().filter(part -> contentType(part).startsWith("text/calendar"))
                .findFirst().orElseThrow();
        assertThat(contentType(invite)).contains("method=request");
        String ics = new String(invite.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(ics).contains("METHOD:REQUEST", "DTSTART:20261203T100000Z", "DTEND:20261203T103000Z",
                "UID:" + MeetingInvite.uid(deal.getId()), "ORGANIZER:mailto:sam@example.com",
                "mailto:" + recipient);

        assertThat(deals.view(deal.getId()).followUps()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FollowUpKind.MEETING_CONFIRMATION);
            assertThat(f.recipient()).isEqualTo(recipient);
            assertThat(f.status()).isEqualTo(FollowUpStatus.SENT);
            assertThat(f.sentAt()).isNotNull();
        });
    }

    @Test
    void theSameFollowUpIsSentOnceWhenItsWorkRunsAgain() throws Exception {
        Deal deal = deals.get(deals.open(TestDeals.opening("sam")));
        String recipient = recipient(deal);

        execute(job("SendMeetingConfirmation", instance(deal)));
        followUps.sendMeetingConfirmation(deal.getId());
        followUps.sendMeetingConfirmation(deal.getId());

        assertThat(receivedBy(recipient)).hasSize(1);
        assertThat(followUpRows.findByDealIdOrderByCreatedAtAscIdAsc(deal.getId())).singleElement()
                .extracting(FollowUp::getStatus).isEqualTo(FollowUpStatus.SENT);
    }

    @Test
    void whileSmtpIsDownTheJobRetriesThenRaisesAnIncidentAndARetryLaterSendsOnce() throws Exception {
        smtp.stop();
        Deal deal = deals.get(deals.open(TestDeals.opening("sam")));
        ProcessInstance instance = instance(deal);
        String recipient = recipient(deal);
        // opening the deal did not need the SMTP server
        BpmnAwareTests.assertThat(instance).isWaitingAt("MeetingBooked");

        Job job = job("SendMeetingConfirmation", instance);
        for (int expectedRetries = 2; expectedRetries >= 0; expectedRetries--) {
            String jobId = job.getId();
            assertThatThrownBy(() -> management.executeJob(jobId)).isInstanceOf(Exception.class);
            job = management.createJobQuery().jobId(jobId).singleResult();
            assertThat(job.getRetries()).isEqualTo(expectedRetries);
        }
        assertThat(runtime.createIncidentQuery().processInstanceId(instance.getId()).list()).singleElement()
                .satisfies(incident -> assertThat(incident.getActivityId()).isEqualTo("SendMeetingConfirmation"));
        assertThat(deals.view(deal.getId()).followUps()).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo(FollowUpStatus.FAILED);
            assertThat(f.error()).isNotBlank();
            assertThat(f.attempts()).isEqualTo(3);
        });

        smtp.start();
        management.setJobRetries(job.getId(), 1);
        management.executeJob(job.getId());

        assertThat(receivedBy(recipient)).hasSize(1);
        assertThat(runtime.createIncidentQuery().processInstanceId(instance.getId()).count()).isZero();
        assertThat(deals.view(deal.getId()).followUps()).singleElement()
                .satisfies(f -> assertThat(f.status()).isEqualTo(FollowUpStatus.SENT));
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
        execute(job("SendWelcomeEmail", instance));

        BpmnAwareTests.assertThat(instance).isEnded();
        assertThat(receivedBy(recipient)).singleElement()
                .satisfies(mail -> assertThat(mail.getSubject()).startsWith("Welcome aboard"));
        // the terminate end event cancelled the meeting confirmation that was never run
        assertThat(management.createJobQuery().processInstanceId(instance.getId()).count()).isZero();
        assertThat(deals.get(deal.getId()).getStatus()).isEqualTo(DealStatus.WON);
    }

    @Test
    void aLostDealGetsAClosingNoteUnlessItWasNotAFit() throws Exception {
        Deal lost = deals.get(deals.open(TestDeals.opening("sam")));
        ProcessInstance lostInstance = instance(lost);
        complete(task(lostInstance), withVariables("outcome", "lost", "lostReason", "NO_BUDGET"));
        execute(job("SendClosingEmail", lostInstance));
        assertThat(receivedBy(recipient(lost))).singleElement()
                .satisfies(mail -> assertThat(mail.getSubject()).isEqualTo("Thank you for considering us"));
        BpmnAwareTests.assertThat(lostInstance).isEnded();

        Deal notAFit = deals.get(deals.open(TestDeals.opening("sam")));
        complete(task(instance(notAFit)), withVariables("outcome", "lost", "lostReason", "NOT_A_FIT"));
        execute(job("SendClosingEmail", instance(notAFit)));
        assertThat(receivedBy(recipient(notAFit))).isEmpty();
        assertThat(followUpRows.findByDealIdOrderByCreatedAtAscIdAsc(notAFit.getId())).isEmpty();
    }

    @Test
    void withoutAnSmtpServerTheEmailIsKeptAsNotSent() {
        Deal deal = deals.get(deals.open(TestDeals.opening("sam")));
        FollowUpService withoutSmtp = new FollowUpService(deals, followUpRows, outbox, composer, identities,
                (org.springframework.mail.javamail.JavaMailSender) null, "dealflow@example.com");

        // as in the job: one transaction around the call
        new TransactionTemplate(transactions).executeWithoutResult(tx -> withoutSmtp.sendMeetingConfirmation(deal.getId()));

        assertThat(followUpRows.findByDealIdOrderByCreatedAtAscIdAsc(deal.getId())).singleElement()
                .satisfies(f -> {
                    assertThat(f.getStatus()).isEqualTo(FollowUpStatus.NOT_SENT_NO_SMTP);
                    assertThat(f.getSubject()).contains("Your meeting with");
                });
        assertThat(receivedBy(recipient(deal))).isEmpty();
    }

    private String recipient(Deal deal) {
        return deals.view(deal.getId()).contacts().get(0).email();
    }

    private ProcessInstance instance(Deal deal) {
        return runtime.createProcessInstanceQuery().processInstanceId(deal.getProcessInstanceId()).singleResult();
    }

    private List<MimeMessage> receivedBy(String recipient) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(mail -> {
            try {
                return Arrays.stream(mail.getAllRecipients()).anyMatch(a -> a.toString().equalsIgnoreCase(recipient));
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static List<Part> parts(Part part) throws Exception {
        List<Part> all = new ArrayList<>();
        all.add(part);
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                all.addAll(parts(multipart.getBodyPart(i)));
            }
        }
        return all;
    }

    private static String contentType(Part part) {
        try {
            return part.getContentType().replaceAll("\\s+", " ").toLowerCase();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
