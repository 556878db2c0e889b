package io.dealflow.stage;

import io.dealflow.deal.StageOutcome;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.dealflow.deal.DealService;
import io.dealflow.deal.DealStatus;
import io.dealflow.support.OnH2;
import io.dealflow.support.TestDeals;
import io.dealflow.lead.LeadCaptured;
import io.dealflow.lead.LeadIntake;
import io.dealflow.lead.LeadRequest;
import io.dealflow.lead.QualificationAnswers;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** What a rep types into a stage form is bounded like the API's input: refused before it is stored, and the deal stays. */
@OnH2
class StageInputLimitsTests {

    @Autowired
    DealService deals;
    @Autowired
    TaskService tasks;
    @Autowired
    LeadIntake leads;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aLostNoteLongerThanItsColumnIsRefused() {
        Long dealId = deals.open(TestDeals.opening("sam"));
        String stage = stageOf(dealId);

        assertThatThrownBy(() -> tasks.complete(stage, Map.of(StageOutcome.VARIABLE, "lost",
                StageOutcome.LOST_REASON, "CHOSE_COMPETITOR", StageOutcome.LOST_NOTE, "x".repeat(2001))))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("lostNote");

        assertThat(deals.get(dealId).getStatus()).isEqualTo(DealStatus.OPEN);
        assertThat(stageOf(dealId)).isEqualTo(stage);
    }

    @Test
    void anAmountWithAHugeExponentIsRefusedAtOnce() {
        Long dealId = deals.open(TestDeals.opening("sam"));
        String stage = stageOf(dealId);

        for (String amount : new String[] {"1E500000000", "1E-500000000", "99999999999999"}) {
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThatThrownBy(() -> tasks.complete(stage,
                    Map.of(StageOutcome.VARIABLE, "advance", "monthlyAmount", amount)))
                    .isInstanceOf(ProcessEngineException.class).hasMessageContaining("monthlyAmount"));
        }
        assertThat(deals.get(dealId).getMonthlyValue().getAmount()).isEqualByComparingTo("1250.50");
    }

    @Test
    void aRejectNoteLongerThanItsColumnIsRefused() {
        LeadCaptured lead = leads.capture(new LeadRequest("long-note-" + UUID.randomUUID() + "@example.com", "Lee",
                "Prospect", null, null, null, null, new LeadRequest.Consent(true, "test", "I agree"),
                new QualificationAnswers(true, true, true, "NOW", 250), null, "test").toSubmission(Instant.now(), "test"));
        String process = jdbc.queryForObject("select process_instance_id from lead where id = ?", String.class,
                lead.leadId());
        String bookTheMeeting = tasks.createTaskQuery().processInstanceId(process).singleResult().getId();

        assertThatThrownBy(() -> tasks.complete(bookTheMeeting, Map.of("decision", "reject",
                "rejectReason", "NO_BUDGET", "rejectNote", "n".repeat(1001))))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("rejectNote");

        assertThat(tasks.createTaskQuery().taskId(bookTheMeeting).count()).isOne();
    }

    private String stageOf(Long dealId) {
        return tasks.createTaskQuery().processInstanceId(deals.get(dealId).getProcessInstanceId()).singleResult().getId();
    }
}
