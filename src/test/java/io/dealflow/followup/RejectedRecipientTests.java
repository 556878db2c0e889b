package io.dealflow.followup;

import static org.assertj.core.api.Assertions.assertThat;

import io.dealflow.deal.Deal;
import io.dealflow.deal.DealService;
import io.dealflow.support.Api;
import io.dealflow.support.OnH2;
import io.dealflow.support.RejectingSmtp;
import io.dealflow.support.TestDeals;
import io.dealflow.support.TestUsers;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.externaltask.ExternalTask;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A mail server that refuses one recipient for good (SMTP 550): the other recipients of the same task, and of the
 * same idle sweep, still get theirs; the refused one is FAILED and its task is retried (an incident when the
 * retries run out), and a retry after the mailbox exists sends only what is still missing.
 */
@OnH2
class RejectedRecipientTests {

    /** Where the tests' SMTP settings point (application-test.yaml). */
    private static final int SMTP_PORT = 3025;

    @LocalServerPort
    int port;
    @Autowired
    DealFollowUps dealFollowUps;

    @Autowired
    DealService deals;
    @Autowired
    FollowUpWorker worker;
    @Autowired
    ExternalTaskService externalTasks;
    @Autowired
    RuntimeService runtime;
    @Autowired
    IdentityService identity;

    @AfterEach
    void realTime() {
        ClockUtil.reset();
    }

    @Test
    void aRefusedContactDoesNotKeepTheOtherContactFromTheirConfirmation() throws Exception {
        Api.Response opened = new Api(port).post("/api/deals", TestDeals.requestJson("sam"), "sam");
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        Long dealId = opened.json().get("id").asLong();
        String instance = opened.json().get("processInstanceId").asText();
        List<String> contacts = deals.view(dealId).contacts().stream().map(c -> c.email()).toList();
        assertThat(contacts).hasSize(2);
        String refused = contacts.get(0);
        String other = contacts.get(1);

        try (RejectingSmtp smtp = new RejectingSmtp(SMTP_PORT, refused)) {
            assertThat(worker.workOn(instance, "SendMeetingConfirmation")).isOne();

            assertThat(smtp.deliveredTo(other)).isOne();
            assertThat(smtp.deliveredTo(refused)).isZero();
            assertThat(dealFollowUps.of(dealId)).extracting(f -> f.recipient() + " " + f.status())
                    .containsExactlyInAnyOrder(other + " SENT", refused + " FAILED");
            ExternalTask task = externalTasks.createExternalTaskQuery().processInstanceId(instance)
                    .activityId("SendMeetingConfirmation").singleResult();
            assertThat(task.getRetries()).isEqualTo(2);
            assertThat(task.getErrorMessage()).contains("MEETING_CONFIRMATION", "550").doesNotContain(refused);

            smtp.acceptAll();
            ClockUtil.setCurrentTime(Date.from(Instant.now().plus(Duration.ofMinutes(6))));
            assertThat(worker.workOn(instance, "SendMeetingConfirmation")).isOne();

            assertThat(smtp.deliveredTo(refused)).isOne();
            assertThat(smtp.deliveredTo(other)).as("not sent again").isOne();
            assertThat(externalTasks.createExternalTaskQuery().processInstanceId(instance).count()).isZero();
            assertThat(runtime.createIncidentQuery().processInstanceId(instance).count()).isZero();
        }
    }

    @Test
    void aRefusedOwnerDoesNotKeepTheIdleSweepFromRemindingTheOthers() throws Exception {
        TestUsers.ensure(identity, "rita", "sales");
        Deal sams = deals.get(deals.open(TestDeals.opening("sam")));
        Deal ritas = deals.get(deals.open(TestDeals.opening("rita")));

        try (RejectingSmtp smtp = new RejectingSmtp(SMTP_PORT, "sam@example.com")) {
            ClockUtil.setCurrentTime(Date.from(ritas.getStageEnteredAt().plus(Duration.ofDays(8))));
            ProcessInstance watch = runtime.startProcessInstanceByKey("idle-deal-watch");
            assertThat(worker.workOn(watch.getId(), "RemindOwnersOfIdleDeals")).isOne();

            assertThat(smtp.deliveredTo("rita@example.com")).isPositive();
            assertThat(reminder(ritas).status()).isEqualTo(FollowUpStatus.SENT);
            assertThat(reminder(sams).status()).isEqualTo(FollowUpStatus.FAILED);
            ExternalTask sweep = externalTasks.createExternalTaskQuery().processInstanceId(watch.getId())
                    .singleResult();
            assertThat(sweep.getRetries()).as("the sweep is retried for the refused ones").isEqualTo(2);
            assertThat(sweep.getErrorMessage()).contains("IDLE_REMINDER").doesNotContain("sam@example.com");
        }
    }

    private DealFollowUps.FollowUpView reminder(Deal deal) {
        return dealFollowUps.of(deal.getId()).stream().filter(f -> f.kind() == FollowUpKind.IDLE_REMINDER)
                .findFirst().orElseThrow();
    }
}
