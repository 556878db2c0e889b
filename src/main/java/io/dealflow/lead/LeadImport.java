package io.dealflow.lead;

import io.dealflow.web.BodyTooLargeException;
import io.dealflow.web.InvalidFieldException;
import java.io.Reader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * POST /api/leads/import: a CSV file with a header row, one lead per row, each through the same intake as
 * POST /api/leads. Its columns are found by {@link ImportColumns}, its rows read by {@link ImportRows}; the file
 * is stored and answered at once, and {@link ImportJob} takes the rows in the background. A bad row is reported
 * (line, field, column, reason) and stores nothing; the other rows go in.
 * POST /api/leads/import/preview answers what an import of the file would do, storing nothing.
 */
@Service
public class LeadImport {

    static final int PREVIEW_ROWS = 10;

    private final ImportRows reader;
    private final ImportStore store;

    public LeadImport(ImportRows reader, ImportStore store) {
        this.reader = reader;
        this.store = store;
    }

    /**
     * Reads and checks the whole file (and passes the body's size limit) before anything is stored, then stores it
     * as an import whose rows {@link ImportJob} takes in the background: a file refused as too large or unreadable
     * stores nothing. Answers the import's status as stored.
     */
    public ImportStatus accept(Reader text, ImportOptions options, String user) throws BodyTooLargeException {
        ImportFile file = ImportFile.read(text, -1);
        ImportColumns.Mapping mapping = mapping(file, options);
        if (!file.header().isEmpty() && !mapping.has("email")) {
            throw new InvalidFieldException("header", "must have an email column (or name it: column.email=...); "
                    + "its columns are: " + String.join(", ", file.header()));
        }
        List<Object> rows = new ArrayList<>(file.rows().size());
        for (ImportFile.Row row : file.rows()) {
            rows.add(reader.read(row, mapping, options));
        }
        long id = store.create(user, rows, mapping.unknownColumns(), Instant.now());
        return status(id);
    }

    public ImportStatus status(long id) {
        return store.status(id).orElseThrow(() -> new ImportNotFoundException(id));
    }

    /** The mapping the import would use, the first rows as they would be taken or rejected; nothing is stored. */
    public Preview preview(Reader text, ImportOptions options) throws BodyTooLargeException {
        ImportFile file = ImportFile.read(text, PREVIEW_ROWS);
        ImportColumns.Mapping mapping = mapping(file, options);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ImportFile.Row row : file.rows()) {
            Map<String, Object> shown = new LinkedHashMap<>();
            shown.put("line", row.line());
            Object read = reader.read(row, mapping, options);
            if (read instanceof ImportRows.Lead lead) {
                shown.put("lead", lead.request());
                shown.put("marketingConsent", lead.consenting());
            } else {
                shown.put("rejected", read);
            }
            rows.add(shown);
        }
        return new Preview(String.valueOf(file.separator()), mapping.columns(), mapping.unknownColumns(),
                mapping.has("email") ? List.of() : List.of("email"), rows);
    }

    private static ImportColumns.Mapping mapping(ImportFile file, ImportOptions options) {
        return ImportColumns.of(file.header(), options.columns());
    }

    /**
     * What an import would do: the separator found, each lead field and its column(s), the columns no field takes,
     * the required fields without a column ({@code email}), and the first rows as leads or rejections.
     */
    public record Preview(String separator, Map<String, List<String>> columns, List<String> unknownColumns,
                          List<String> missing, List<Map<String, Object>> rows) {
    }
}
