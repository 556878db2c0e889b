package io.dealflow.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dealflow.deal.Deal;
import io.dealflow.deal.DealService;
import io.dealflow.support.OnH2;
import io.dealflow.support.SalesModels;
import io.dealflow.support.TestDeals;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The generic stage tracking and the past-tense guard, on whatever stages the model has. */
@OnH2
class StageTrackingTests {

    @Autowired
    DealService deals;
    @Autowired
    StageVisitRepository visits;
    @Autowired
    TaskService tasks;
    @Autowired
    RuntimeService runtime;
    @Autowired
    RepositoryService repository;
    @Autowired
    IdentityService identity;

    @AfterEach
    void resetClockAndUser() {
        ClockUtil.reset();
        identity.clearAuthentication();
    }

    @Test
    void eachStageVisitIsRecordedWithItsTimesAndWhoMovedTheDeal() {
        Instant opened = Instant.parse("2026-10-01T09:00:00Z");
        Instant moved = Instant.parse("2026-10-04T15:30:00Z");
        ClockUtil.setCurrentTime(Date.from(opened));
        Deal deal = deals.get(deals.open(TestDeals.opening("sam")));

        ClockUtil.setCurrentTime(Date.from(moved));
        identity.setAuthentication("mia", List.of("management"));
        tasks.complete(stageTask(deal).getId(), Map.of("outcome", "advance"));

        List<StageVisit> history = visits.findByDealIdOrderByEnteredAtAscIdAsc(deal.getId());
        assertThat(history).hasSize(2);
        StageVisit first = history.get(0);
        assertThat(first.getStageKey()).isEqualTo("MeetingBooked");
        assertThat(first.getStageName()).isEqualTo("Meeting booked");
        assertThat(first.getEnteredAt()).isEqualTo(opened);
        assertThat(first.getLeftAt()).isEqualTo(moved);
        assertThat(first.getMovedBy()).isEqualTo("mia");
        assertThat(first.getOutcome()).isEqualTo("advance");
        StageVisit second = history.get(1);
        assertThat(second.getStageKey()).isEqualTo("NeedsAssessed");
        assertThat(second.getEnteredAt()).isEqualTo(moved);
        assertThat(second.getLeftAt()).isNull();

        Deal now = deals.get(deal.getId());
        assertThat(now.getStageKey()).isEqualTo("NeedsAssessed");
        assertThat(now.getStageName()).isEqualTo("Needs assessed");
        assertThat(now.getStageEnteredAt()).isEqualTo(moved);
    }

    @Test
    void withoutALoggedInUserTheAssigneeMovedTheDeal() {
        Deal deal = deals.get(deals.open(TestDeals.opening("sam")));
        tasks.complete(stageTask(deal).getId(), Map.of("outcome", "advance"));

        assertThat(visits.findByDealIdOrderByEnteredAtAscIdAsc(deal.getId()).get(0).getMovedBy()).isEqualTo("sam");
    }

    @Test
    void stageAnswersThatBelongToTheDealUpdateIt() {
        Deal deal = deals.get(deals.open(TestDeals.opening("sam")));
        tasks.complete(stageTask(deal).getId(), Map.of("outcome", "advance", "needs", "Fewer manual routes"));
        tasks.complete(stageTask(deal).getId(), Map.of("outcome", "advance", "monthlyAmount", 1800));
        tasks.complete(stageTask(deal).getId(), Map.of("outcome", "advance", "decisionDate", "2027-01-15"));

        Deal now = deals.get(deal.getId());
        assertThat(now.getMonthlyValue().getAmount()).isEqualByComparingTo(new BigDecimal("1800"));
        assertThat(now.getExpectedDecisionOn()).isEqualTo(LocalDate.of(2027, 1, 15));
        assertThat(runtime.getVariable(deal.getProcessInstanceId(), "monthlyValue")).isEqualTo("1,800.00 EUR");
    }

    @Test
    void aNegativeAmountOnAStageFormIsRefused() {
        Deal deal = deals.get(deals.open(TestDeals.opening("sam")));
        tasks.complete(stageTask(deal).getId(), Map.of("outcome", "advance"));
        String taskId = stageTask(deal).getId();

        assertThatThrownBy(() -> tasks.complete(taskId, Map.of("outcome", "advance", "monthlyAmount", -5)))
                .hasMessageContaining("monthlyAmount");
        assertThat(deals.get(deal.getId()).getMonthlyValue().getAmount()).isEqualByComparingTo("1250.50");
        assertThat(stageTask(deal).getId()).isEqualTo(taskId);
    }

    @Test
    void aStageAddedInTheModelIsTrackedWithoutACodeChange() {
        // as a process owner would in Modeler: "Demo held" between "Meeting booked" and "Needs assessed"
        BpmnModelInstance model = SalesModels.withDemoHeldStage();

        Deployment deployment = repository.createDeployment().name("with a demo stage")
                .addModelInstance("sales-process.bpmn", model).deploy();
        try {
            Deal deal = deals.get(deals.open(TestDeals.opening("sam")));
            tasks.complete(stageTask(deal).getId(), Map.of("outcome", "advance"));

            assertThat(stageTask(deal).getTaskDefinitionKey()).isEqualTo("DemoHeld");
            assertThat(deals.get(deal.getId()).getStageName()).isEqualTo("Demo held");
            tasks.complete(stageTask(deal).getId(), Map.of("outcome", "advance"));
            assertThat(visits.findByDealIdOrderByEnteredAtAscIdAsc(deal.getId()))
                    .extracting(StageVisit::getStageKey)
                    .containsExactly("MeetingBooked", "DemoHeld", "NeedsAssessed");
        } finally {
            repository.deleteDeployment(deployment.getId(), true);
        }
    }

    @Test
    void aModelWithAStageNotInThePastTenseIsRefused() {
        BpmnModelInstance model = SalesModels.shipped();
        UserTask proposal = model.getModelElementById("ProposalSent");
        proposal.setName("Send proposal");
        long deployments = repository.createDeploymentQuery().count();

        assertThatThrownBy(() -> repository.createDeployment().name("imperative stage")
                .addModelInstance("sales-process.bpmn", model).deploy())
                .isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining("\"Send proposal\"")
                .hasMessageContaining("ProposalSent")
                .hasMessageContaining("past tense");
        assertThat(repository.createDeploymentQuery().count()).isEqualTo(deployments);
    }

    @Test
    void aStageWithAnUnreadableProbabilityOrLimitIsRefused() {
        BpmnModelInstance model = SalesModels.shipped();
        String xml = Bpmn.convertToString(model).replace("name=\"probability\" value=\"0.5\"",
                "name=\"probability\" value=\"50%\"");
        assertThatThrownBy(() -> repository.createDeployment().addString("sales-process.bpmn", xml).deploy())
                .hasMessageContaining("ProposalSent").hasMessageContaining("probability");

        String badLimit = Bpmn.convertToString(SalesModels.shipped())
                .replace("name=\"idleLimit\" value=\"P14D\"", "name=\"idleLimit\" value=\"two weeks\"");
        assertThatThrownBy(() -> repository.createDeployment().addString("sales-process.bpmn", badLimit).deploy())
                .hasMessageContaining("ProposalSent").hasMessageContaining("idleLimit");

        String badEscalation = Bpmn.convertToString(SalesModels.shipped())
                .replace("name=\"escalationLimit\" value=\"P28D\"", "name=\"escalationLimit\" value=\"a month\"");
        assertThatThrownBy(() -> repository.createDeployment().addString("sales-process.bpmn", badEscalation).deploy())
                .hasMessageContaining("ProposalSent").hasMessageContaining("escalationLimit");
    }

    @Test
    void userTasksOfOtherProcessesAreNotStages() {
        BpmnModelInstance other = Bpmn.createExecutableProcess("not-sales").camundaHistoryTimeToLive(1)
                .startEvent().userTask("BookMeeting").name("Book the meeting").endEvent().done();

        Deployment deployment = repository.createDeployment().addModelInstance("other.bpmn", other).deploy();
        try {
            String instance = runtime.startProcessInstanceByKey("not-sales").getId();
            assertThat(tasks.createTaskQuery().processInstanceId(instance).singleResult().getName())
                    .isEqualTo("Book the meeting");
        } finally {
            repository.deleteDeployment(deployment.getId(), true);
        }
    }

    private Task stageTask(Deal deal) {
        return tasks.createTaskQuery().processInstanceId(deal.getProcessInstanceId()).singleResult();
    }
}
