package io.dealflow.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import io.dealflow.deal.Deal;
import io.dealflow.deal.DealService;
import io.dealflow.deal.DealStatus;
import io.dealflow.deal.LostReason;
import io.dealflow.stage.StageVisit;
import io.dealflow.stage.StageVisitRepository;
import io.dealflow.support.OnH2;
import io.dealflow.support.TestDeals;
import java.util.List;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

/** Every path of bpmn/sales-process.bpmn: advance from each stage, lost from each stage, won. */
@OnH2
class SalesProcessTests {

    /** The stages of the shipped model, in order. */
    static final List<String> STAGES = List.of("MeetingBooked", "NeedsAssessed", "ProposalSent", "TermsNegotiated",
            "ContractSent");
    static final List<String> STAGE_NAMES = List.of("Meeting booked", "Needs assessed", "Proposal sent",
            "Terms negotiated", "Contract sent");

    @Autowired
    ProcessEngine engine;
    @Autowired
    RuntimeService runtime;
    @Autowired
    HistoryService history;
    @Autowired
    TaskService tasks;
    @Autowired
    DealService deals;
    @Autowired
    StageVisitRepository visits;

    @BeforeEach
    void useSpringEngine() {
        BpmnAwareTests.init(engine);
    }

    @Test
    void openingStoresTheRecordsAndWaitsAtStageZero() {
        Long dealId = deals.open(TestDeals.opening("sam"));
        Deal deal = deals.get(dealId);
        ProcessInstance instance = instance(deal);

        BpmnAwareTests.assertThat(instance).hasPassedInOrder("DealOpened", "StoreCompany", "StoreContacts", "OpenDeal",
                        "DealOpenedFork")
                .isWaitingAt("MeetingBooked", "SendMeetingConfirmation")
                .hasBusinessKey(deal.getReference())
                .variables().containsEntry("dealId", dealId).containsEntry("owner", "sam")
                .doesNotContainKey("opening").doesNotContainKey("contactIds");
        BpmnAwareTests.assertThat(task(instance)).hasName("Meeting booked").isAssignedTo("sam");
        assertThat(tasks.getIdentityLinksForTask(task(instance).getId())).extracting(IdentityLink::getGroupId)
                .contains("sales");
        assertThat(deal.getStatus()).isEqualTo(DealStatus.OPEN);
        assertThat(deal.getStageKey()).isEqualTo("MeetingBooked");
        // the opening data was transient: the engine's history holds ids, never the opening itself
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(instance.getId())
                .variableName("opening").count()).isZero();
    }

    @Test
    void aDealAdvancesThroughEveryStageAndIsWon() {
        Deal deal = deals.get(deals.open(TestDeals.opening("sam")));
        ProcessInstance instance = instance(deal);

        for (String stage : STAGES) {
            BpmnAwareTests.assertThat(instance).isWaitingAt(stage);
            BpmnAwareTests.assertThat(task(instance)).isAssignedTo("sam");
            complete(task(instance), withVariables("outcome", "advance"));
        }

        // the deal is recorded won at once; the welcome email waits for its job (FollowUpsTests sends it and
        // sees the terminate end event close the instance)
        BpmnAwareTests.assertThat(instance).hasPassed("RecordDealWon").isWaitingAt("SendWelcomeEmail")
                .hasNotPassed("RecordDealLost", "DealLost");
        Deal won = deals.get(deal.getId());
        assertThat(won.getStatus()).isEqualTo(DealStatus.WON);
        assertThat(won.getClosedAt()).isNotNull();
        assertThat(won.getStageKey()).isEqualTo("ContractSent");
        List<StageVisit> path = visits.findByDealIdOrderByEnteredAtAscIdAsc(deal.getId());
        assertThat(path).extracting(StageVisit::getStageKey).containsExactlyElementsOf(STAGES);
        assertThat(path).extracting(StageVisit::getStageName).containsExactlyElementsOf(STAGE_NAMES);
        assertThat(path).allSatisfy(visit -> {
            assertThat(visit.getLeftAt()).isNotNull();
            assertThat(visit.getOutcome()).isEqualTo("advance");
        });
    }

    @Test
    void anEndedDealsHistoryIsRemovedAfterTheModelsTimeToLiveByTheNightlyCleanup() {
        Deal deal = deals.get(deals.open(TestDeals.opening("sam")));
        ProcessInstance instance = instance(deal);

        runtime.deleteProcessInstance(instance.getId(), "ended for the test");
        deals.closeAbandoned(deal.getId(), java.time.Instant.now());

        var ended = history.createHistoricProcessInstanceQuery().processInstanceId(instance.getId()).singleResult();
        assertThat(ended.getEndTime()).isNotNull();
        assertThat(ended.getRemovalTime()).isEqualTo(java.util.Date.from(
                ended.getEndTime().toInstant().plus(java.time.Duration.ofDays(180))));
        assertThat(history.findHistoryCleanupJobs()).isNotEmpty().allSatisfy(job ->
                assertThat(job.getDuedate().toInstant().atZone(java.time.ZoneId.systemDefault()).getHour())
                        .isBetween(1, 4));
    }

    @ParameterizedTest(name = "lost at stage {0}")
    @ValueSource(ints = {0, 1, 2, 3, 4})
    void aDealCanBeLostFromEveryStageWithAReason(int stageIndex) {
        Deal deal = deals.get(deals.open(TestDeals.opening("sam")));
        ProcessInstance instance = instance(deal);
        for (int i = 0; i < stageIndex; i++) {
            complete(task(instance), withVariables("outcome", "advance"));
        }
        LostReason reason = LostReason.values()[stageIndex];

        BpmnAwareTests.assertThat(instance).isWaitingAt(STAGES.get(stageIndex));
        complete(task(instance), withVariables("outcome", "lost", "lostReason", reason.name(),
                "lostNote", "They said so on the phone"));

        BpmnAwareTests.assertThat(instance).hasPassed("RecordDealLost").isWaitingAt("SendClosingEmail")
                .hasNotPassed("RecordDealWon");
        Deal lost = deals.get(deal.getId());
        assertThat(lost.getStatus()).isEqualTo(DealStatus.LOST);
        assertThat(lost.getLostReason()).isEqualTo(reason);
        assertThat(lost.getLostNote()).isEqualTo("They said so on the phone");
        assertThat(lost.getStageKey()).isEqualTo(STAGES.get(stageIndex));
        assertThat(lost.getClosedAt()).isNotNull();
        assertThat(visits.findByDealIdOrderByEnteredAtAscIdAsc(deal.getId())).last()
                .extracting(StageVisit::getOutcome).isEqualTo("lost");
    }

    @Test
    void aStageCannotBeCompletedWithoutADecision() {
        ProcessInstance instance = instance(deals.get(deals.open(TestDeals.opening("sam"))));
        String taskId = task(instance).getId();

        assertThatThrownBy(() -> complete(task(instance)))
                .isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining("Meeting booked").hasMessageContaining("outcome");
        assertThatThrownBy(() -> complete(task(instance), withVariables("outcome", "lost")))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("lostReason");
        assertThatThrownBy(() -> complete(task(instance), withVariables("outcome", "lost", "lostReason", "BORED")))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("NO_BUDGET");

        BpmnAwareTests.assertThat(instance).isWaitingAt("MeetingBooked");
        assertThat(task(instance).getId()).isEqualTo(taskId);
    }

    @Test
    void theDecisionOfOneStageDoesNotCarryOverToTheNext() {
        ProcessInstance instance = instance(deals.get(deals.open(TestDeals.opening("sam"))));
        complete(task(instance), withVariables("outcome", "advance"));

        assertThatThrownBy(() -> complete(task(instance))).isInstanceOf(ProcessEngineException.class);
        BpmnAwareTests.assertThat(instance).isWaitingAt("NeedsAssessed");
    }

    private ProcessInstance instance(Deal deal) {
        return runtime.createProcessInstanceQuery().processInstanceId(deal.getProcessInstanceId()).singleResult();
    }
}
