package io.dealflow.followup;

import io.dealflow.support.MailServer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import io.dealflow.contact.ContactDetails;
import io.dealflow.contact.MarketingConsent;
import io.dealflow.deal.ContactRole;
import io.dealflow.deal.Deal;
import io.dealflow.deal.DealOpening;
import io.dealflow.deal.DealService;
import io.dealflow.deal.MonthlyValue;
import io.dealflow.support.Mailbox;
import io.dealflow.support.OnH2;
import jakarta.mail.internet.MimeMessage;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.externaltask.ExternalTask;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * The send window and the mailbox's limits, on an engine clock moved by the test: a follow-up due at night waits,
 * untouched and without a failure, for the window in its contact's zone, and the next timer counts from when it
 * went; the meeting confirmation goes at once; over the per-minute limit an email waits for the next free slot.
 */
@OnH2
@TestPropertySource(properties = {
        "dealflow.mail.send-window=MON-FRI 09:00-17:00",
        "dealflow.mail.default-zone=Europe/Berlin",
        "dealflow.mail.limits.per-minute=2",
        "dealflow.mail.limits.per-day=0"})
class SendWindowTests {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @RegisterExtension
    static MailServer smtp = new MailServer();

    @Autowired
    ProcessEngine engine;
    @Autowired
    DealService deals;
    @Autowired
    FollowUpWorker worker;
    @Autowired
    ExternalTaskService externalTasks;
    @Autowired
    RuntimeService runtime;
    @Autowired
    ManagementService management;
    @Autowired
    FollowUpRepository followUps;

    @BeforeEach
    void useSpringEngine() {
        BpmnAwareTests.init(engine);
    }

    @AfterEach
    void realTime() {
        ClockUtil.reset();
    }

    @Test
    void aFollowUpDueAtThreeInTheMorningGoesAtNineAndTheNextTimerCountsFromThen() throws Exception {
        Instant tuesdayAt3 = at(BERLIN, "2027-01-05T03:00");
        Instant tuesdayAt9 = at(BERLIN, "2027-01-05T09:00");
        ClockUtil.setCurrentTime(Date.from(tuesdayAt3.minus(Duration.ofDays(3))));
        Deal deal = open(contact("dana", null));
        ProcessInstance instance = toProposalSent(deal);

        fire(timer("ProposalUnanswered3Days", instance), tuesdayAt3);
        // workOn: what workOnce does, for this instance's tasks only (other tests' due emails may share the database)
        assertThat(worker.workOn(instance.getId())).as("fetched and locked").isOne();

        assertThat(received("dana", deal)).as("sent at 03:00").isEmpty();
        ExternalTask waiting = emailTask("SendProposalFollowUp", instance);
        assertThat(waiting.getRetries()).as("not failed").isNull();
        assertThat(waiting.getErrorMessage()).isNull();
        assertThat(waiting.getLockExpirationTime().toInstant()).as("locked until the window opens")
                .isEqualTo(tuesdayAt9);
        assertThat(runtime.createIncidentQuery().processInstanceId(instance.getId()).count()).isZero();
        assertThat(rows(deal, FollowUpKind.PROPOSAL_FOLLOW_UP)).singleElement()
                .extracting(FollowUp::getStatus).isEqualTo(FollowUpStatus.PENDING);

        ClockUtil.setCurrentTime(Date.from(tuesdayAt9.minusSeconds(1)));
        assertThat(worker.workOn(instance.getId())).as("not fetched before the window opens").isZero();

        Instant sent = tuesdayAt9.plusSeconds(1);
        ClockUtil.setCurrentTime(Date.from(sent));
        assertThat(worker.workOn(instance.getId())).isOne();

        assertThat(received("dana", deal)).hasSize(1);
        assertThat(rows(deal, FollowUpKind.PROPOSAL_FOLLOW_UP)).singleElement().satisfies(row -> {
            assertThat(row.getStatus()).isEqualTo(FollowUpStatus.SENT);
            assertThat(row.getSentAt()).isEqualTo(sent);
        });
        BpmnAwareTests.assertThat(instance).hasPassed("SendProposalFollowUp");
        assertThat(timer("ProposalUnanswered7Days", instance).getDuedate().toInstant())
                .as("4 days after the follow-up went, not after it was due").isEqualTo(sent.plus(Duration.ofDays(4)));
    }

    @Test
    void eachContactGetsTheFollowUpInTheirOwnZoneAndNobodyTwice() throws Exception {
        Instant tuesdayAt10InBerlin = at(BERLIN, "2027-01-12T10:00");
        Instant tuesdayAt9InNewYork = at(NEW_YORK, "2027-01-12T09:00");
        ClockUtil.setCurrentTime(Date.from(tuesdayAt10InBerlin.minus(Duration.ofDays(3))));
        Deal deal = open(contact("dana", null), contact("nick", "America/New_York"));
        ProcessInstance instance = toProposalSent(deal);

        fire(timer("ProposalUnanswered3Days", instance), tuesdayAt10InBerlin);
        worker.workOn(instance.getId());

        assertThat(received("dana", deal)).as("10:00 in Berlin, the default zone").hasSize(1);
        assertThat(received("nick", deal)).as("04:00 in New York").isEmpty();
        assertThat(emailTask("SendProposalFollowUp", instance).getLockExpirationTime().toInstant())
                .isEqualTo(tuesdayAt9InNewYork);

        ClockUtil.setCurrentTime(Date.from(tuesdayAt9InNewYork.plusSeconds(1)));
        worker.workOn(instance.getId());

        assertThat(received("nick", deal)).hasSize(1);
        assertThat(received("dana", deal)).hasSize(1);
        BpmnAwareTests.assertThat(instance).hasPassed("SendProposalFollowUp");
        assertThat(rows(deal, FollowUpKind.PROPOSAL_FOLLOW_UP)).hasSize(2)
                .allSatisfy(row -> assertThat(row.getStatus()).isEqualTo(FollowUpStatus.SENT));
    }

    @Test
    void theMeetingConfirmationGoesAtOnceAtNight() throws Exception {
        ClockUtil.setCurrentTime(Date.from(at(BERLIN, "2027-01-09T03:00"))); // a Saturday
        Deal deal = open(contact("dana", null));

        worker.workOn(deal.getProcessInstanceId());

        assertThat(all("dana", deal)).singleElement()
                .satisfies(mail -> assertThat(mail.getSubject()).contains("Your meeting with"));
        BpmnAwareTests.assertThat(instance(deal)).hasPassed("SendMeetingConfirmation");
    }

    @Test
    void overThePerMinuteLimitAnEmailWaitsForTheNextMinuteAndNoneIsDroppedOrSentTwice() throws Exception {
        Instant wednesdayAt10 = at(BERLIN, "2027-01-13T10:00");
        ClockUtil.setCurrentTime(Date.from(wednesdayAt10));
        List<Deal> three = List.of(open(contact("ann", null)), open(contact("ben", null)),
                open(contact("cat", null)));

        three.forEach(deal -> worker.workOn(deal.getProcessInstanceId()));

        assertThat(all("ann", three.get(0))).hasSize(1);
        assertThat(all("ben", three.get(1))).hasSize(1);
        assertThat(all("cat", three.get(2))).as("the third in the same minute").isEmpty();
        ExternalTask waiting = emailTask("SendMeetingConfirmation", instance(three.get(2)));
        assertThat(waiting.getRetries()).isNull();
        assertThat(waiting.getLockExpirationTime().toInstant()).isEqualTo(wednesdayAt10.plus(Duration.ofMinutes(1)));

        ClockUtil.setCurrentTime(Date.from(wednesdayAt10.plusSeconds(61)));
        three.forEach(deal -> worker.workOn(deal.getProcessInstanceId()));

        assertThat(all("ann", three.get(0))).hasSize(1);
        assertThat(all("ben", three.get(1))).hasSize(1);
        assertThat(all("cat", three.get(2))).hasSize(1);
        three.forEach(deal -> BpmnAwareTests.assertThat(instance(deal)).hasPassed("SendMeetingConfirmation"));
    }

    private static Instant at(ZoneId zone, String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(zone).toInstant();
    }

    private record Person(String name, String timeZone) {
    }

    private static Person contact(String name, String timeZone) {
        return new Person(name, timeZone);
    }

    /** A deal whose contacts (name@its domain) have marketing consent; its meeting confirmation is sent. */
    private Deal open(Person... people) {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        String domain = "window-" + unique + ".example";
        MarketingConsent consent = new MarketingConsent(true, Instant.now(), "test web form", "Yes, email me.");
        List<DealOpening.Participant> participants = Arrays.stream(people)
                .map(person -> new DealOpening.Participant(new ContactDetails(person.name() + "@" + domain,
                        person.name(), "Buyer", null, null, consent, person.timeZone()), ContactRole.DECISION_MAKER))
                .toList();
        return deals.get(deals.open(new DealOpening("Deal " + unique, "Company " + unique, domain, participants,
                new MonthlyValue(new BigDecimal("100.00"), "EUR"), "sam", Instant.parse("2027-02-03T10:00:00Z"))));
    }

    /** To "Proposal sent", the meeting confirmation sent first (it goes at once at any hour). */
    private ProcessInstance toProposalSent(Deal deal) {
        ProcessInstance instance = instance(deal);
        worker.workOn(instance.getId(), "SendMeetingConfirmation");
        complete(task("MeetingBooked", instance), withVariables("outcome", "advance"));
        complete(task("NeedsAssessed", instance), withVariables("outcome", "advance"));
        BpmnAwareTests.assertThat(instance).isWaitingAt("ProposalSent");
        return instance;
    }

    /** What this contact of the deal received, the meeting confirmation (sent while opening) left out. */
    private List<MimeMessage> received(String name, Deal deal) {
        return all(name, deal).stream().filter(mail -> !Mailbox.subject(mail).contains("Your meeting with")).toList();
    }

    private List<MimeMessage> all(String name, Deal deal) {
        return smtp.receivedBy(name + "@" + deals.view(deal.getId()).company().domain());
    }

    private List<FollowUp> rows(Deal deal, FollowUpKind kind) {
        return followUps.findByDealIdOrderByCreatedAtAscIdAsc(deal.getId()).stream()
                .filter(row -> row.getKind() == kind).toList();
    }

    private Job timer(String activityId, ProcessInstance instance) {
        return management.createJobQuery().processInstanceId(instance.getId()).activityId(activityId).timers()
                .singleResult();
    }

    private void fire(Job timer, Instant at) {
        assertThat(timer).as("timer").isNotNull();
        ClockUtil.setCurrentTime(Date.from(at));
        management.executeJob(timer.getId());
    }

    private ExternalTask emailTask(String activityId, ProcessInstance instance) {
        return externalTasks.createExternalTaskQuery().processInstanceId(instance.getId()).activityId(activityId)
                .singleResult();
    }

    private ProcessInstance instance(Deal deal) {
        return runtime.createProcessInstanceQuery().processInstanceId(deal.getProcessInstanceId()).singleResult();
    }
}
