package io.dealflow.process.lead;

import static io.dealflow.process.ModelEngine.completeExternalTask;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.*;
import static org.mockito.Mockito.*;

import io.dealflow.process.ModelEngine;
import java.io.InputStream;
import java.util.Date;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
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
 * bpmn/lead-process.bpmn alone with its decision table and form, on an in-memory engine without Spring: every path
 * of the model, its adapters mocked ("Qualify lead" evaluates the real table).
 */
@Deployment(resources = {"lead-process.bpmn", "lead-qualification.dmn", "book-the-meeting.form"})
class LeadProcessModelTests {

    @RegisterExtension
    static ProcessEngineExtension engine = ModelEngine.extension();

    final JavaDelegate storeLeadCompany = mock(JavaDelegate.class);
    final JavaDelegate storeLeadContact = mock(JavaDelegate.class);
    final JavaDelegate recordLead = mock(JavaDelegate.class);
    final JavaDelegate recordQualification = mock(JavaDelegate.class);
    final JavaDelegate handOverToSales = mock(JavaDelegate.class);
    final JavaDelegate openDealForLead = mock(JavaDelegate.class);
    final JavaDelegate recordRejection = mock(JavaDelegate.class);
    final TaskListener bookTheMeetingListener = mock(TaskListener.class);
    /** The deal the person is already in, as "Hand over to sales" finds it, or none. */
    Long openDealId;

    @BeforeEach
    void mockTheAdapters() throws Exception {
        init(engine.getProcessEngine());
        Mocks.register("storeLeadCompany", storeLeadCompany);
        Mocks.register("storeLeadContact", storeLeadContact);
        Mocks.register("recordLead", recordLead);
        Mocks.register("recordQualification", recordQualification);
        Mocks.register("handOverToSales", handOverToSales);
        Mocks.register("openDealForLead", openDealForLead);
        Mocks.register("recordRejection", recordRejection);
        Mocks.register("bookTheMeetingListener", bookTheMeetingListener);
        // like the real one: the open deal for "Already in an open deal?"
        doAnswer(call -> {
            DelegateExecution execution = call.getArgument(0);
            execution.setVariable("openDealId", openDealId);
            execution.setVariable("dealId", openDealId);
            return null;
        }).when(handOverToSales).execute(any());
    }

    @AfterEach
    void resetMocks() {
        Mocks.reset();
        reset();
    }

    @Test
    void aSalesQualifiedLeadAlreadyInAnOpenDealEndsThere() throws Exception {
        openDealId = 42L;
        ProcessInstance lead = capture(sqlAnswers(), null);

        assertThat(lead).hasPassedInOrder("LeadCaptured", "StoreLeadCompany", "StoreLeadContact", "RecordLead",
                "QualifyLead", "RecordQualification", "HandOverToSales", "AlreadyInSales").isEnded();
        verify(openDealForLead, never()).execute(any());
    }

    @Test
    void aSalesQualifiedLeadWithAMeetingTimeGetsItsDealAtOnce() throws Exception {
        ProcessInstance lead = capture(sqlAnswers(), new Date());

        assertThat(lead).hasPassed("OpenDealForLead", "DealOpened").hasNotPassed("BookTheMeeting").isEnded();
        verify(openDealForLead).execute(any());
    }

    @Test
    void salesBookTheMeetingOfASalesQualifiedLeadAndItsDealIsOpened() throws Exception {
        ProcessInstance lead = capture(sqlAnswers(), null);
        assertThat(lead).isWaitingAt("BookTheMeeting");
        // "Qualify lead" maps the table's outputs: the gateway reads the outcome, the task's form the segment
        assertThat(lead).variables().containsEntry("outcome", "SQL").containsEntry("segment", "MID_MARKET")
                .doesNotContainKey("qualification");

        bookTheMeeting(lead, withVariables("decision", "accept", "meetingAt", "2026-12-03T10:00Z"));

        verify(bookTheMeetingListener).notify(any());
        assertThat(lead).hasPassed("Accepted", "OpenDealMerge", "OpenDealForLead", "DealOpened").isEnded();
        Assertions.assertThat(jobQuery().processInstanceId(lead.getId()).count()).as("the SLA timer").isZero();
    }

    @Test
    void aLeadSalesSendBackIsRecordedAndNurtured() throws Exception {
        ProcessInstance lead = capture(sqlAnswers(), null);

        bookTheMeeting(lead, withVariables("decision", "reject", "rejectReason", "NO_BUDGET", "rejectNote", "later"));

        verify(recordRejection).execute(any());
        assertThat(lead).hasPassed("RecordHandOffRejected", "NurtureMerge", "NurturingStarted")
                .hasNotPassed("OpenDealForLead").isWaitingAt("NurtureWait1");
    }

    @Test
    void aHandOffNobodyBooksWithinFourHoursIsEscalatedAndStillWaits() throws Exception {
        ProcessInstance lead = capture(sqlAnswers(), null);

        execute(job("BookingOverdue", lead));
        completeExternalTask(lead, "TellManagementOfMissedHandOff", "tellManagementOfMissedHandOff");

        assertThat(lead).hasPassed("ManagementTold").isWaitingAt("BookTheMeeting");
        bookTheMeeting(lead, withVariables("decision", "accept", "meetingAt", "2026-12-03T10:00Z"));
        assertThat(lead).isEnded();
    }

    @Test
    void aMarketingQualifiedLeadGetsThreeNurtureEmailsThenUnsubscribes() throws Exception {
        ProcessInstance lead = nurturedToTheEnd();

        runtimeService().createMessageCorrelation("LeadUnsubscribed").processInstanceId(lead.getId()).correlate();

        assertThat(lead).hasPassed("EngagedOrUnsubscribed", "LeadUnsubscribedLater", "NurturingEndedLater").isEnded();
    }

    @Test
    void aLeadEngagingAfterNurturingIsQualifiedAgain() throws Exception {
        ProcessInstance lead = nurturedToTheEnd();

        runtimeService().createMessageCorrelation("LeadEngaged").processInstanceId(lead.getId())
                .setVariables(sqlAnswers()).correlate();

        assertThat(lead).hasPassed("EngagedOrUnsubscribed", "LeadEngagedLater", "HandOverToSales").isWaitingAt("BookTheMeeting");
        verify(storeLeadCompany, times(2)).execute(any());
        verify(recordQualification, times(2)).execute(any());
    }

    @Test
    void aLeadEngagingWhileNurturedIsQualifiedAgainAtOnce() throws Exception {
        ProcessInstance lead = capture(mqlAnswers(), null);
        assertThat(lead).isWaitingAt("NurtureWait1");

        runtimeService().createMessageCorrelation("LeadEngaged").processInstanceId(lead.getId())
                .setVariables(sqlAnswers()).correlate();

        assertThat(lead).hasPassed("LeadEngaged", "HandOverToSales").hasNotPassed("SendFirstNurtureEmail")
                .isWaitingAt("BookTheMeeting");
    }

    @Test
    void aLeadUnsubscribingWhileNurturedIsNotNurturedAnyMore() throws Exception {
        ProcessInstance lead = capture(mqlAnswers(), null);
        execute(job("NurtureWait1", lead));
        completeExternalTask(lead, "SendFirstNurtureEmail", "sendNurtureEmail");

        runtimeService().createMessageCorrelation("LeadUnsubscribed").processInstanceId(lead.getId()).correlate();

        assertThat(lead).hasPassed("LeadUnsubscribed", "NurturingEnded").hasNotPassed("SendSecondNurtureEmail")
                .isEnded();
    }

    /** As "Record lead" leaves it: the answers for the table and the meeting time, if the lead gave one. */
    private static ProcessInstance capture(Map<String, Object> answers, Date meetingAt) {
        Map<String, Object> variables = new java.util.HashMap<>(answers);
        variables.put("meetingAt", meetingAt);
        return runtimeService().startProcessInstanceByKey("lead-process", variables);
    }

    private ProcessInstance nurturedToTheEnd() {
        ProcessInstance lead = capture(mqlAnswers(), null);
        assertThat(lead).hasPassed("RecordQualification").hasNotPassed("HandOverToSales").isWaitingAt("NurtureWait1");
        execute(job("NurtureWait1", lead));
        Assertions.assertThat(completeExternalTask(lead, "SendFirstNurtureEmail", "sendNurtureEmail"))
                .containsEntry("followUp", "NURTURE_FIRST");
        execute(job("NurtureWait2", lead));
        Assertions.assertThat(completeExternalTask(lead, "SendSecondNurtureEmail", "sendNurtureEmail"))
                .containsEntry("followUp", "NURTURE_SECOND");
        execute(job("NurtureWait3", lead));
        Assertions.assertThat(completeExternalTask(lead, "SendThirdNurtureEmail", "sendNurtureEmail"))
                .containsEntry("followUp", "NURTURE_THIRD");
        assertThat(lead).hasPassed("NurtureSequenceDone", "NurtureLead").isWaitingAt("EngagedOrUnsubscribed");
        return lead;
    }

    /** Completes "Book the meeting" as its form does, after checking it is the sales team's and has its form. */
    private static void bookTheMeeting(ProcessInstance lead, Map<String, Object> formVariables) {
        Task task = task("BookTheMeeting", lead);
        assertThat(task).hasCandidateGroup("sales");
        try (InputStream form = formService().getDeployedTaskForm(task.getId())) {
            Assertions.assertThat(form).isNotNull();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        complete(task, formVariables);
    }

    private static Map<String, Object> sqlAnswers() {
        return withVariables("budget", true, "authority", true, "need", true, "timeline", "NOW", "employees", 250);
    }

    private static Map<String, Object> mqlAnswers() {
        return withVariables("budget", true, "authority", false, "need", true, "timeline", "QUARTER",
                "employees", 250);
    }
}
