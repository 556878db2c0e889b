package io.dealflow.process.watch;

import static io.dealflow.process.ModelEngine.completeExternalTask;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.*;
import static org.mockito.Mockito.*;

import io.dealflow.process.ModelEngine;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** bpmn/idle-deal-watch.bpmn alone on an in-memory engine without Spring: its one path, on its hourly timer. */
@Deployment(resources = "idle-deal-watch.bpmn")
class IdleDealWatchModelTests {

    @RegisterExtension
    static ProcessEngineExtension engine = ModelEngine.extension();

    final JavaDelegate closeAbandonedDeals = mock(JavaDelegate.class);

    @BeforeEach
    void mockTheAdapters() {
        init(engine.getProcessEngine());
        Mocks.register("closeAbandonedDeals", closeAbandonedDeals);
    }

    @AfterEach
    void resetMocks() {
        Mocks.reset();
        reset();
    }

    @Test
    void everyHourTheAbandonedDealsAreClosedThenTheOwnersOfIdleDealsReminded() throws Exception {
        Job everyHour = jobQuery().processDefinitionKey("idle-deal-watch").timers().singleResult();
        Assertions.assertThat(everyHour).as("the start timer").isNotNull();

        execute(everyHour);

        ProcessInstance watch = processInstanceQuery().processDefinitionKey("idle-deal-watch").singleResult();
        verify(closeAbandonedDeals).execute(any());
        assertThat(watch).hasPassedInOrder("EveryHour", "CloseAbandonedDeals").isWaitingAt("RemindOwnersOfIdleDeals");
        completeExternalTask(watch, "RemindOwnersOfIdleDeals", "remindOwnersOfIdleDeals",
                withVariables("ownersReminded", 1, "dealsEscalated", 0));
        assertThat(watch).hasPassed("OwnersReminded").isEnded();
        Assertions.assertThat(historyService().createHistoricVariableInstanceQuery().processInstanceId(watch.getId())
                .variableName("ownersReminded").singleResult().getValue()).isEqualTo(1);

        Job nextHour = jobQuery().processDefinitionKey("idle-deal-watch").timers().singleResult();
        Assertions.assertThat(nextHour.getId()).as("the next run's timer").isNotEqualTo(everyHour.getId());
    }
}
