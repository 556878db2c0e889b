package io.dealflow.stage;

import java.time.Instant;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps a deal's stage history (its visits) in step with the stage tasks of its process.
 * Called for every user task of the sales process, whatever the model's stages are.
 */
@Service
public class StageTracker {

    private final StageVisitRepository visits;

    public StageTracker(StageVisitRepository visits) {
        this.visits = visits;
    }

    @Transactional
    public void entered(Long dealId, String stageKey, String stageName, String taskId, Instant at) {
        visits.save(new StageVisit(dealId, stageKey, stageName, taskId, at));
    }

    @Transactional
    public void left(String taskId, Instant at, String by, String outcome) {
        visits.findByTaskId(taskId).ifPresent(visit -> visit.leave(at, by, outcome));
    }
}
