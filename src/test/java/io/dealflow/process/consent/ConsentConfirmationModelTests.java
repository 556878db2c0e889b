package io.dealflow.process.consent;

import static io.dealflow.process.ModelEngine.completeExternalTask;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.*;

import io.dealflow.process.ModelEngine;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** bpmn/consent-confirmation.bpmn alone on an in-memory engine without Spring: its one path. */
@Deployment(resources = "consent-confirmation.bpmn")
class ConsentConfirmationModelTests {

    @RegisterExtension
    static ProcessEngineExtension engine = ModelEngine.extension();

    @BeforeEach
    void useTheModelEngine() {
        init(engine.getProcessEngine());
    }

    @AfterEach
    void forgetIt() {
        reset();
    }

    @Test
    void theConfirmationEmailIsSentOnceByTheEmailWorker() {
        ProcessInstance consent = runtimeService().startProcessInstanceByKey("consent-confirmation",
                withVariables(ConsentVariables.CONFIRMATION_ID, 7L, ConsentVariables.LEAD_ID, 42L));

        assertThat(consent).isWaitingAt("SendConsentConfirmation");
        Assertions.assertThat(completeExternalTask(consent, "SendConsentConfirmation", "sendConsentConfirmation"))
                .containsEntry(ConsentVariables.CONFIRMATION_ID, 7L).containsEntry(ConsentVariables.LEAD_ID, 42L);
        assertThat(consent).hasPassed("ConfirmationSent").isEnded();
    }
}
