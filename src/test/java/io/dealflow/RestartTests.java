package io.dealflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.dealflow.deal.Deal;
import io.dealflow.deal.DealService;
import io.dealflow.deal.DealStatus;
import io.dealflow.deal.DealView;
import io.dealflow.deal.StageOutcome;
import io.dealflow.support.SeparateApp;
import io.dealflow.support.TestDeals;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The app stopped and started again on the same H2 file keeps its deals, their stage history and the waiting
 * process instances, and the deals move on from where they were.
 *
 * <p>Started by hand, without a web server, on its own process engine: the shared test context's engine
 * ("default", on the in-memory H2) lives in the same JVM and must stay untouched.
 */
class RestartTests {

    /** No hyphen: the starter ignores a name with one and calls the engine "default". */
    private static final String ENGINE_NAME = "restartTest";

    @TempDir
    Path dataDir;

    @Test
    void aDealMovesOnAfterARestartFromWhereItWas() {
        // the web apps find their engine by name in this static registry: whatever is there must stay
        Map<String, ProcessEngine> enginesBefore = new HashMap<>(ProcessEngines.getProcessEngines());
        Long dealId;
        String processInstanceId;

        ConfigurableApplicationContext first = start();
        try {
            assertThat(first.getBean(ProcessEngine.class).getName()).isEqualTo(ENGINE_NAME);
            DealService deals = first.getBean(DealService.class);
            TaskService tasks = first.getBean(TaskService.class);
            dealId = deals.open(TestDeals.opening("sam"));
            processInstanceId = deals.get(dealId).getProcessInstanceId();
            Task meetingBooked = stageTask(tasks, processInstanceId);
            assertThat(meetingBooked.getTaskDefinitionKey()).isEqualTo("MeetingBooked");
            tasks.complete(meetingBooked.getId(), Map.of(StageOutcome.VARIABLE, "advance"));
            assertThat(deals.get(dealId).getStageKey()).isEqualTo("NeedsAssessed");
        } finally {
            first.close();
        }

        ConfigurableApplicationContext second = start();
        try {
            DealService deals = second.getBean(DealService.class);
            TaskService tasks = second.getBean(TaskService.class);
            RuntimeService runtime = second.getBean(RuntimeService.class);

            Deal deal = deals.get(dealId);
            assertThat(deal.getStageName()).isEqualTo("Needs assessed");
            assertThat(deal.getStageKey()).isEqualTo("NeedsAssessed");
            assertThat(deal.getStatus()).isEqualTo(DealStatus.OPEN);
            assertThat(deal.getProcessInstanceId()).isEqualTo(processInstanceId);
            DealView view = deals.view(dealId);
            assertThat(view.history()).extracting(DealView.StageVisitView::stageKey)
                    .containsExactly("MeetingBooked", "NeedsAssessed");
            assertThat(view.history().get(0).leftAt()).isNotNull();
            assertThat(view.history().get(0).outcome()).isEqualTo("advance");
            assertThat(view.history().get(0).movedBy()).isEqualTo("sam");
            assertThat(view.history().get(1).leftAt()).isNull();

            // the engine picked the instance up from the file: still waiting in the stage it was left in
            // (and its meeting confirmation, whose job the tests leave unexecuted)
            assertThat(runtime.getActiveActivityIds(processInstanceId))
                    .containsExactlyInAnyOrder("NeedsAssessed", "SendMeetingConfirmation");
            Task needsAssessed = stageTask(tasks, processInstanceId);
            assertThat(needsAssessed.getTaskDefinitionKey()).isEqualTo("NeedsAssessed");
            assertThat(needsAssessed.getAssignee()).isEqualTo("sam");
            assertThat(runtime.getVariable(processInstanceId, "dealReference")).isEqualTo(deal.getReference());

            tasks.complete(needsAssessed.getId(), Map.of(StageOutcome.VARIABLE, "advance"));

            DealView moved = deals.view(dealId);
            assertThat(moved.stageKey()).isEqualTo("ProposalSent");
            assertThat(moved.history()).extracting(DealView.StageVisitView::stageKey)
                    .containsExactly("MeetingBooked", "NeedsAssessed", "ProposalSent");
            assertThat(moved.history().get(1).leftAt()).isNotNull();
            assertThat(stageTask(tasks, processInstanceId).getTaskDefinitionKey()).isEqualTo("ProposalSent");
        } finally {
            second.close();
        }
        assertThat(ProcessEngines.getProcessEngines()).isEqualTo(enginesBefore);
    }

    private static Task stageTask(TaskService tasks, String processInstanceId) {
        Task task = tasks.createTaskQuery().processInstanceId(processInstanceId).singleResult();
        assertThat(task).as("the stage task of process instance %s", processInstanceId).isNotNull();
        return task;
    }

    private ConfigurableApplicationContext start() {
        return SeparateApp.start(ENGINE_NAME,
                "jdbc:h2:file:" + dataDir.resolve("dealflow").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE");
    }
}
