package io.dealflow.followup;

import io.dealflow.support.MailServer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import io.dealflow.deal.Deal;
import io.dealflow.deal.DealService;
import io.dealflow.support.Mailbox;
import io.dealflow.support.OnH2;
import io.dealflow.support.TestDeals;
import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/** {@code dealflow.mail.send-window: always} (the shared test context's setting): no window at all. */
@OnH2
class NoSendWindowTests {

    @RegisterExtension
    static MailServer smtp = new MailServer();

    @Autowired
    ProcessEngine engine;
    @Autowired
    DealService deals;
    @Autowired
    FollowUpWorker worker;
    @Autowired
    RuntimeService runtime;
    @Autowired
    ManagementService management;

    @AfterEach
    void realTime() {
        ClockUtil.reset();
    }

    @Test
    void withoutAWindowAFollowUpDueOnSundayAtThreeGoesAtOnce() throws Exception {
        BpmnAwareTests.init(engine);
        Deal deal = deals.get(deals.open(TestDeals.openingWithConsent("sam")));
        ProcessInstance instance = runtime.createProcessInstanceQuery()
                .processInstanceId(deal.getProcessInstanceId()).singleResult();
        complete(task("MeetingBooked", instance), withVariables("outcome", "advance"));
        complete(task("NeedsAssessed", instance), withVariables("outcome", "advance"));

        ClockUtil.setCurrentTime(Date.from(Instant.parse("2027-01-10T03:00:00Z")));
        management.executeJob(management.createJobQuery().processInstanceId(instance.getId())
                .activityId("ProposalUnanswered3Days").timers().singleResult().getId());
        worker.workOn(instance.getId(), "SendProposalFollowUp");

        String recipient = deals.view(deal.getId()).contacts().get(0).email();
        assertThat(smtp.receivedBy(recipient)).singleElement()
                .satisfies(mail -> assertThat(Mailbox.subject(mail)).startsWith("Any questions about our proposal"));
        BpmnAwareTests.assertThat(instance).hasPassed("SendProposalFollowUp");
    }
}
