package io.dealflow.audit;

import java.time.Instant;
import java.util.List;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The record of every GDPR export and erasure, listed for managers at GET /api/audit. */
@Service
public class AuditLog {

    /** A contact is a person; the subject of every use recorded so far. */
    public static final String CONTACT = "CONTACT";

    private final AuditEventRepository events;

    AuditLog(AuditEventRepository events) {
        this.events = events;
    }

    /** Joins the caller's transaction: a use that fails is not recorded as done, and a done use is never missing. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(String actor, AuditEvent.Action action, String subjectType, Long subjectId) {
        events.save(new AuditEvent(Instant.now(), actor, action, subjectType, subjectId));
    }

    @Transactional(readOnly = true)
    public List<AuditEvent> latest(int limit) {
        return events.findByOrderByAtDescIdDesc(PageRequest.of(0, limit));
    }
}
