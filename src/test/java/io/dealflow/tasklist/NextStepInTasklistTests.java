package io.dealflow.tasklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.dealflow.deal.Deal;
import io.dealflow.deal.DealService;
import io.dealflow.support.Browser;
import io.dealflow.support.OnH2;
import io.dealflow.support.TestDeals;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The rep's next step in the real Tasklist: sam's stage shows its due date, and Tasklist's own "Set follow-up date"
 * stores the follow-up date (the update Tasklist sends is the whole task, Camunda Form reference included).
 * Needs node, /usr/bin/chromium and playwright-core like the other browser tests (skipped without, except on CI).
 */
@OnH2
class NextStepInTasklistTests {

    @LocalServerPort
    int port;
    @Autowired
    DealService deals;
    @Autowired
    TaskService tasks;

    @Test
    void samSetsTheNextStepOfHisDealInTasklist() throws Exception {
        String missing = Browser.missingPrerequisites();
        if (missing != null && Browser.mustRun()) {
            fail(missing + " (CI=true: not skipped)");
        }
        Assumptions.assumeTrue(missing == null, () -> missing + "; skipped (with CI=true this fails)");
        Deal deal = deals.get(deals.open(TestDeals.opening("sam")));
        Task stage = tasks.createTaskQuery().processInstanceId(deal.getProcessInstanceId()).singleResult();
        assertThat(stage.getDueDate()).isNotNull();

        Browser.Run run = Browser.run("next-step.mjs", "http://localhost:" + port, "next-step", Map.of(),
                stage.getId());

        JsonNode page = run.result();
        if (page == null || !page.path("ok").asBoolean()) {
            fail("The browser run did not get through" + (page == null ? "" : " step \"" + page.path("step").asText()
                    + "\": " + page.path("error").asText() + "\n" + page.path("html").asText()) + "\n" + run.tail());
        }
        assertThat(page.at("/updates/0/status").asInt()).as(page.toString()).isEqualTo(204);
        assertThat(page.path("due").asText()).as("the due date Tasklist shows").isNotBlank();
        assertThat(page.path("shown").asText()).as("the follow-up date Tasklist shows after setting it")
                .isNotBlank().doesNotContain("Set follow-up date");
        Task after = tasks.createTaskQuery().taskId(stage.getId()).singleResult();
        assertThat(after.getFollowUpDate()).as("the follow-up date Tasklist set").isNotNull();
        assertThat(after.getDueDate()).as("the due date stays the model's").isEqualTo(stage.getDueDate());
        assertThat(after.getAssignee()).isEqualTo("sam");
    }
}
