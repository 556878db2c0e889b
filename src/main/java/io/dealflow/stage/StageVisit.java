package io.dealflow.stage;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import java.time.Instant;

/** One stay of a deal in a stage: the deal's stage history is the list of its visits. */
@Entity
public class StageVisit {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "stage_visit_seq")
    @SequenceGenerator(name = "stage_visit_seq", sequenceName = "stage_visit_seq", allocationSize = 50) // V17: blocks of 50
    private Long id;

    private Long dealId;

    private String stageKey;

    private String stageName;

    /** The user task that was the stage during this visit. */
    private String taskId;

    private Instant enteredAt;

    private Instant leftAt;

    /** Who completed the stage (the logged-in user, else the assignee). */
    private String movedBy;

    /** "advance", "lost", or "cancelled" when the process ended around it. */
    private String outcome;

    protected StageVisit() {
    }

    public StageVisit(Long dealId, String stageKey, String stageName, String taskId, Instant enteredAt) {
        this.dealId = dealId;
        this.stageKey = stageKey;
        this.stageName = stageName;
        this.taskId = taskId;
        this.enteredAt = enteredAt;
    }

    public void leave(Instant at, String by, String outcome) {
        this.leftAt = at;
        this.movedBy = by;
        this.outcome = outcome;
    }

    public Long getId() {
        return id;
    }

    public Long getDealId() {
        return dealId;
    }

    public String getStageKey() {
        return stageKey;
    }

    public String getStageName() {
        return stageName;
    }

    public String getTaskId() {
        return taskId;
    }

    public Instant getEnteredAt() {
        return enteredAt;
    }

    public Instant getLeftAt() {
        return leftAt;
    }

    public String getMovedBy() {
        return movedBy;
    }

    public String getOutcome() {
        return outcome;
    }
}
