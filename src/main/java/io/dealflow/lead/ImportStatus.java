package io.dealflow.lead;

import java.time.Instant;
import java.util.List;

/**
 * GET /api/leads/imports/{id}: an import's progress. {@code status} running|done; {@code rows}: the rows read from
 * the file; {@code processed}: those taken so far (created + updated + rejected); the rejected rows' line, lead
 * field, the file's column and the reason, in the file's order; the file's columns no field takes.
 */
public record ImportStatus(long id, String status, int rows, int processed, int created, int updated, int rejected,
                           List<ImportRows.Rejected> rejectedRows, List<String> unknownColumns, String requestedBy,
                           Instant createdAt, Instant finishedAt) {

    public boolean done() {
        return "done".equals(status);
    }
}
