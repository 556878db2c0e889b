package io.dealflow.lead;

import io.dealflow.web.BodyTooLargeException;
import io.dealflow.web.IdempotentRequests;
import jakarta.validation.Valid;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/leads")
public class LeadController {

    /** Its body limit is dealflow.leads.import.max-size (a CSV file), not the API's for JSON. */
    public static final String IMPORT_PATH = "/api/leads/import";
    public static final String IMPORT_PREVIEW_PATH = "/api/leads/import/preview";

    private final LeadIntake intake;
    private final LeadImport imports;
    private final LeadService leads;
    private final IdempotentRequests requests;

    public LeadController(LeadIntake intake, LeadImport imports, LeadService leads, IdempotentRequests requests) {
        this.requests = requests;
        this.intake = intake;
        this.imports = imports;
        this.leads = leads;
    }

    /**
     * The lead replied (what a mail integration or the rep calls): qualified again with what is known, updated
     * by the answers in the body if any. A lead that has become sales-qualified is handed to sales.
     */
    @PostMapping("/{id}/replies")
    public LeadCaptured replied(@PathVariable long id, @Valid @RequestBody(required = false) QualificationAnswers answers) {
        return intake.replied(id, answers);
    }

    /** The lead, with what the person sent through the public form for a person to review. */
    @GetMapping("/{id}")
    public LeadView lead(@PathVariable long id) {
        return leads.view(id);
    }

    /**
     * A CSV file (text/csv, UTF-8) with a header row, read as it streams in, checked and stored: 202 with the
     * Location of its status (GET /api/leads/imports/{id}); its rows are taken in the background. The query
     * parameters are the {@link ImportOptions} (a mapping of columns, the consent wording of the file).
     */
    @PostMapping(path = "/import", consumes = {"text/csv", "application/csv", "text/plain"})
    public ResponseEntity<ImportStatus> importCsv(InputStream csv, @RequestParam Map<String, String> options,
                                                  Principal user) throws BodyTooLargeException {
        ImportOptions given = ImportOptions.of(options);
        ImportStatus accepted = imports.accept(new InputStreamReader(csv, StandardCharsets.UTF_8), given, user.getName());
        return ResponseEntity.accepted().location(URI.create("/api/leads/imports/" + accepted.id())).body(accepted);
    }

    /** An import's progress: running|done, the rows read, created, updated, rejected so far and why. */
    @GetMapping("/imports/{id}")
    public ImportStatus importStatus(@PathVariable long id) {
        return imports.status(id);
    }

    /** What importing the file would do (its mapping, unknown columns, first rows); stores nothing. */
    @PostMapping(path = "/import/preview", consumes = {"text/csv", "application/csv", "text/plain"})
    public LeadImport.Preview previewImport(InputStream csv, @RequestParam Map<String, String> options)
            throws BodyTooLargeException {
        return imports.preview(new InputStreamReader(csv, StandardCharsets.UTF_8), ImportOptions.of(options));
    }

    /** A lead from a web form or an integration: 201 with the contact, the outcome and the deal when one is open. */
    @PostMapping
    public ResponseEntity<?> capture(@Valid @RequestBody LeadRequest request, Principal user,
                                     @RequestHeader(name = IdempotentRequests.HEADER, required = false) String key) {
        return requests.once(user.getName(), key, "POST /api/leads", request, () -> {
            LeadCaptured captured = intake.captureInCallersTransaction(request.toSubmission(Instant.now(), "api"));
            return ResponseEntity.created(URI.create("/api/contacts/" + captured.contactId())).body(captured);
        });
    }
}
