package io.dealflow.lead;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One hand-off of a sales-qualified lead from marketing to sales, and what sales made of it: accepted (a deal
 * was opened) or rejected with a reason ("not a real SQL"). The two ways the seed says the process fails.
 */
@Entity
@Table(name = "hand_off")
public class HandOff {

    public static final String ACCEPTED = "ACCEPTED";
    public static final String REJECTED = "REJECTED";

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "hand_off_seq")
    @SequenceGenerator(name = "hand_off_seq", sequenceName = "hand_off_seq", allocationSize = 50) // V22: blocks of 50
    private Long id;
    private Long leadId;
    private Instant handedOverAt;
    private String decision;
    private Instant decidedAt;
    private String decidedBy;
    private String rejectReason;
    private String rejectNote;
    private Long dealId;

    protected HandOff() {
    }

    public HandOff(Long leadId, Instant handedOverAt) {
        this.leadId = leadId;
        this.handedOverAt = handedOverAt;
    }

    public void accepted(Long dealId, String by, Instant at) {
        this.decision = ACCEPTED;
        this.dealId = dealId;
        this.decidedBy = by;
        this.decidedAt = at;
    }

    public void rejected(String reason, String note, String by, Instant at) {
        this.decision = REJECTED;
        this.rejectReason = reason;
        this.rejectNote = note;
        this.decidedBy = by;
        this.decidedAt = at;
    }

    public Long getId() {
        return id;
    }

    public Long getLeadId() {
        return leadId;
    }

    public Instant getHandedOverAt() {
        return handedOverAt;
    }

    public String getDecision() {
        return decision;
    }

    public String getRejectReason() {
        return rejectReason;
    }

    public Long getDealId() {
        return dealId;
    }
}
