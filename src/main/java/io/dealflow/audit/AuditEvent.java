package io.dealflow.audit;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import java.time.Instant;

/** One use of a person's data that must be accounted for: who, when, what, and whose (an id, never the data). */
@Entity
public class AuditEvent {

    public enum Action { EXPORT, ERASURE }

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "audit_event_seq")
    @SequenceGenerator(name = "audit_event_seq", sequenceName = "audit_event_seq", allocationSize = 1)
    private Long id;

    private Instant at;

    private String actor;

    @Enumerated(EnumType.STRING)
    private Action action;

    private String subjectType;

    private Long subjectId;

    protected AuditEvent() {
    }

    AuditEvent(Instant at, String actor, Action action, String subjectType, Long subjectId) {
        this.at = at;
        this.actor = actor;
        this.action = action;
        this.subjectType = subjectType;
        this.subjectId = subjectId;
    }

    public Long getId() {
        return id;
    }

    public Instant getAt() {
        return at;
    }

    public String getActor() {
        return actor;
    }

    public Action getAction() {
        return action;
    }

    public String getSubjectType() {
        return subjectType;
    }

    public Long getSubjectId() {
        return subjectId;
    }
}
