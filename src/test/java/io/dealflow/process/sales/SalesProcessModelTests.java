package io.dealflow.process.sales;

import static io.dealflow.process.ModelEngine.completeExternalTask;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.*;
import static org.mockito.Mockito.*;

import io.dealflow.process.ModelEngine;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * bpmn/sales-process.bpmn alone, with its stage forms, on an in-memory engine without Spring: every path of the
 * model, its adapters mocked. What is checked is the model's flow: the stage listener that the app adds to every
 * user task when parsing the sales model ({@link SalesModelPlugin}, tested with the app in SalesProcessTests and
 * StageTrackingTests) is left out, so the stages here are the tasks exactly as drawn.
 */
@Deployment(resources = {"sales-process.bpmn", "meeting-booked.form", "needs-assessed.form", "proposal-sent.form",
        "terms-negotiated.form", "contract-sent.form"})
class SalesProcessModelTests {

    static final List<String> STAGES = List.of("MeetingBooked", "NeedsAssessed", "ProposalSent", "TermsNegotiated",
            "ContractSent");

    @RegisterExtension
    static ProcessEngineExtension engine = ModelEngine.extension();

    final JavaDelegate storeCompany = mock(JavaDelegate.class);
    final JavaDelegate storeContacts = mock(JavaDelegate.class);
    final JavaDelegate openDeal = mock(JavaDelegate.class);
    final JavaDelegate recordDealWon = mock(JavaDelegate.class);
    final JavaDelegate recordDealLost = mock(JavaDelegate.class);
    /** What "Open deal" finds in the request: the booked meeting or none. */
    String meetingAt;

    @BeforeEach
    void mockTheAdapters() throws Exception {
        init(engine.getProcessEngine());
        Mocks.register("storeCompany", storeCompany);
        Mocks.register("storeContacts", storeContacts);
        Mocks.register("openDeal", openDeal);
        Mocks.register("recordDealWon", recordDealWon);
        Mocks.register("recordDealLost", recordDealLost);
        // like the real one: the deal's variables (DealVariables), the owner the stages are assigned to among them
        doAnswer(call -> {
            DelegateExecution execution = call.getArgument(0);
            execution.setProcessBusinessKey("D-00042");
            execution.setVariables(withVariables("dealId", 42L, "owner", "sam", "meetingAt", meetingAt));
            return null;
        }).when(openDeal).execute(any());
    }

    @AfterEach
    void resetMocks() {
        Mocks.reset();
        reset();
    }

    @Test
    void aDealWithAMeetingTimeIsConfirmedAndWonThroughEveryStage() throws Exception {
        meetingAt = "2026-12-03T10:00:00Z";
        ProcessInstance deal = open();

        assertThat(deal).hasPassedInOrder("DealOpened", "StoreCompany", "StoreContacts", "OpenDeal")
                .isWaitingAt("MeetingBooked", "SendMeetingConfirmation");
        verify(storeCompany).execute(any());
        verify(storeContacts).execute(any());
        completeExternalTask(deal, "SendMeetingConfirmation", "sendMeetingConfirmation");
        assertThat(deal).hasPassed("MeetingConfirmed").isWaitingAt("MeetingBooked");

        completeStage(deal, "MeetingBooked", withVariables("outcome", "advance", "monthlyAmount", "1250.50"));
        completeStage(deal, "NeedsAssessed", withVariables("outcome", "advance", "monthlyAmount", "1300"));
        completeStage(deal, "ProposalSent", withVariables("outcome", "advance", "decisionDate", "2026-12-31"));
        // leaving the stage ended its scope: the follow-up timer waiting in it is gone
        assertThat(deal).hasPassed("ProposalStageLeft").isWaitingAt("TermsNegotiated");
        Assertions.assertThat(jobQuery().processInstanceId(deal.getId()).count()).isZero();
        completeStage(deal, "TermsNegotiated", withVariables("outcome", "advance", "monthlyAmount", "1300"));
        completeStage(deal, "ContractSent", withVariables("outcome", "advance"));

        verify(recordDealWon).execute(any());
        assertThat(deal).hasPassed("RecordDealWon").isWaitingAt("SendWelcomeEmail");
        completeExternalTask(deal, "SendWelcomeEmail", "sendWelcomeEmail");
        assertThat(deal).hasPassed("DealWon").isEnded();
        verify(recordDealLost, never()).execute(any());
    }

    @Test
    void aDealWithoutAMeetingTimeSendsNoConfirmation() throws Exception {
        meetingAt = null;
        ProcessInstance deal = open();

        assertThat(deal).hasPassed("NoMeetingTime").hasNotPassed("SendMeetingConfirmation").isWaitingAt("MeetingBooked");
        Assertions.assertThat(externalTaskQuery().processInstanceId(deal.getId()).count()).isZero();
    }

    @Test
    void aDealLostAtAnyStageGetsAClosingEmailAndEndsWhatIsStillPending() throws Exception {
        meetingAt = "2026-12-03T10:00:00Z";
        for (String lostAt : STAGES) {
            ProcessInstance deal = open();
            for (String stage : STAGES.subList(0, STAGES.indexOf(lostAt))) {
                completeStage(deal, stage, withVariables("outcome", "advance"));
            }
            completeStage(deal, lostAt, withVariables("outcome", "lost", "lostReason", "NO_BUDGET",
                    "lostNote", "lost at " + lostAt));

            assertThat(deal).as("lost at %s", lostAt).hasPassed("DealLostMerge", "RecordDealLost")
                    .isWaitingAt("SendMeetingConfirmation", "SendClosingEmail");
            completeExternalTask(deal, "SendClosingEmail", "sendClosingEmail");
            // a terminate end event: the meeting confirmation still waiting (e.g. retrying) is cancelled
            assertThat(deal).as("lost at %s", lostAt).hasPassed("DealLost").isEnded();
            Assertions.assertThat(externalTaskQuery().processInstanceId(deal.getId()).count()).isZero();
        }
        verify(recordDealLost, times(STAGES.size())).execute(any());
        verify(recordDealWon, never()).execute(any());
    }

    @Test
    void anUnansweredProposalIsFollowedUpTwiceThenItsOwnerIsReminded() throws Exception {
        ProcessInstance deal = toProposalSent();

        execute(job("ProposalUnanswered3Days", deal));
        Assertions.assertThat(completeExternalTask(deal, "SendProposalFollowUp", "sendProposalFollowUp"))
                .containsEntry("followUp", "PROPOSAL_FOLLOW_UP");
        execute(job("ProposalUnanswered7Days", deal));
        Assertions.assertThat(completeExternalTask(deal, "SendSecondProposalFollowUp", "sendProposalFollowUp"))
                .containsEntry("followUp", "PROPOSAL_SECOND_FOLLOW_UP");
        execute(job("ProposalUnanswered10Days", deal));
        completeExternalTask(deal, "RemindOwnerOfProposal", "remindOwnerOfUnansweredProposal");

        assertThat(deal).hasPassed("ProposalFollowUpsEnded", "FollowUpsDone").isWaitingAt("ProposalSent");
        completeStage(deal, "ProposalSent", withVariables("outcome", "advance"));
        assertThat(deal).isWaitingAt("TermsNegotiated");
    }

    @Test
    void aReplyStopsTheFollowUpsAndTheStageStays() throws Exception {
        ProcessInstance deal = toProposalSent();
        execute(job("ProposalUnanswered3Days", deal));
        completeExternalTask(deal, "SendProposalFollowUp", "sendProposalFollowUp");

        runtimeService().createMessageCorrelation("ProspectReplied").processInstanceId(deal.getId()).correlate();

        assertThat(deal).hasPassed("ProspectReplied", "FollowUpsStopped").hasNotPassed("SendSecondProposalFollowUp")
                .isWaitingAt("ProposalSent");
        Assertions.assertThat(jobQuery().processInstanceId(deal.getId()).count()).isZero();
        completeStage(deal, "ProposalSent", withVariables("outcome", "advance"));
        assertThat(deal).isWaitingAt("TermsNegotiated");
    }

    @Test
    void leavingTheProposalStageCancelsAFollowUpNotSentYet() throws Exception {
        ProcessInstance deal = toProposalSent();
        execute(job("ProposalUnanswered3Days", deal));
        assertThat(deal).isWaitingAt("ProposalSent", "SendProposalFollowUp");

        completeStage(deal, "ProposalSent", withVariables("outcome", "lost", "lostReason", "TIMING"));

        assertThat(deal).hasPassed("ProposalStageLeft", "RecordDealLost").isWaitingAt("SendClosingEmail");
        Assertions.assertThat(externalTaskQuery().processInstanceId(deal.getId()).activityId("SendProposalFollowUp")
                .count()).isZero();
    }

    private ProcessInstance open() {
        return runtimeService().startProcessInstanceByKey("sales-process", withVariables("opening", "(transient)"));
    }

    private ProcessInstance toProposalSent() {
        meetingAt = null;
        ProcessInstance deal = open();
        completeStage(deal, "MeetingBooked", withVariables("outcome", "advance"));
        completeStage(deal, "NeedsAssessed", withVariables("outcome", "advance"));
        assertThat(deal).isWaitingAt("ProposalSent");
        return deal;
    }

    /** Completes the stage as its form does, after checking it is the owner's and the form came with the model. */
    private static void completeStage(ProcessInstance deal, String stage, Map<String, Object> formVariables) {
        Task task = task(stage, deal);
        assertThat(task).isAssignedTo("sam");
        Assertions.assertThat(taskQuery().taskId(task.getId()).taskCandidateGroup("sales").includeAssignedTasks()
                .count()).as("%s offered to the sales team too", stage).isOne();
        try (InputStream form = formService().getDeployedTaskForm(task.getId())) {
            Assertions.assertThat(form).as("the form of %s", stage).isNotNull();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        complete(task, formVariables);
    }
}
