package io.dealflow.lead;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dealflow.support.Api;

/** A lead import as a client sees it: 202 with the import's status, which is polled until done. */
final class ImportRun {

    private ImportRun() {
    }

    /**
     * Posts the file ({@code query}: "" or "?..."), runs the pending imports as the background runner would (it is
     * off in tests) and answers the import's final status.
     */
    static JsonNode imported(Api api, ImportJob job, String query, String csv, String user) {
        Api.Response accepted = api.post("/api/leads/import" + query, csv, "text/csv", user);
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        String id = accepted.json().get("id").asText();
        JsonNode status = null;
        for (int attempt = 0; attempt < 50 && (status == null || !"done".equals(status.get("status").asText()));
             attempt++) {
            job.runPending();
            status = api.get("/api/leads/imports/" + id, user).json();
        }
        assertThat(status.get("status").asText()).as(status.toString()).isEqualTo("done");
        return status;
    }
}
