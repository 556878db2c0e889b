package io.dealflow.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.dealflow.deal.DealRepository;
import io.dealflow.deal.DealService;
import io.dealflow.deal.DealStatus;
import io.dealflow.lead.LeadIntake;
import io.dealflow.support.SalesModels;
import io.dealflow.support.SeparateApp;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A process owner inserts a stage after "Meeting booked" and starts on a fresh database: the demo deals are
 * opened and moved through the model as it now is, and the app starts.
 */
class DemoDataOnAnyModelTests {

    @Test
    void theDemoDealsFollowAModelWithAnInsertedStage() {
        ConfigurableApplicationContext app = SeparateApp.start("demoDataTest",
                "jdbc:h2:mem:demo-data-test;DB_CLOSE_DELAY=-1");
        try {
            // as Modeler draws a new user task: no assignee, no candidates
            BpmnModelInstance model = SalesModels.withDemoHeldStage();
            model.<UserTask>getModelElementById("DemoHeld").setCamundaAssignee(null);
            app.getBean(RepositoryService.class).createDeployment()
                    .addModelInstance("sales-process.bpmn", model).deploy();
            DealRepository deals = app.getBean(DealRepository.class);
            DemoData demo = new DemoData(app.getBean(DealService.class), deals, app.getBean(TaskService.class),
                    app.getBean(IdentityService.class), app.getBean(LeadIntake.class));

            demo.run();

            // the demo deals, and the one the lead with a meeting opens
            assertThat(deals.count()).isEqualTo(DemoData.DEALS.size() + 1);
            List<String> stages = deals.findAll().stream()
                    .filter(deal -> deal.getStatus() == DealStatus.OPEN).map(deal -> deal.getStageKey()).toList();
            // the deals one stage on from "Meeting booked" now wait in the inserted stage
            assertThat(stages).contains("DemoHeld", "MeetingBooked", "NeedsAssessed");
            assertThat(deals.findAll()).filteredOn(deal -> deal.getStatus() == DealStatus.WON).hasSize(1);
            // the inserted stage is its deal's owner's, like every stage
            TaskService tasks = app.getBean(TaskService.class);
            assertThat(tasks.createTaskQuery().taskDefinitionKey("DemoHeld").list())
                    .isNotEmpty().allSatisfy(task -> assertThat(task.getAssignee()).isIn("sam", "mia"));
            // the inserted stage has no "lost" path (it flows straight on), so a deal lost there goes on instead
            assertThat(deals.findAll()).filteredOn(deal -> deal.getStatus() == DealStatus.LOST).isNotEmpty();
        } finally {
            app.close();
        }
    }
}
