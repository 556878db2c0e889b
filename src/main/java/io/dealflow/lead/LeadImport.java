package io.dealflow.lead;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.dealflow.web.InvalidFieldException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import io.dealflow.web.BodyTooLargeException;
import java.io.IOException;
import java.io.Reader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * POST /api/leads/import: a CSV file with a header row, one lead per row, each through the same intake as
 * POST /api/leads in a transaction of its own. A bad row is reported (line, column, reason) and stores nothing;
 * the other rows go in.
 */
@Service
public class LeadImport {

    /** Header columns and the LeadRequest properties they fill (for naming a bad column in the report). */
    static final Map<String, String> COLUMNS = Map.ofEntries(Map.entry("email", "email"),
            Map.entry("first_name", "firstName"), Map.entry("last_name", "lastName"), Map.entry("company", "company"),
            Map.entry("website", "website"), Map.entry("job_title", "jobTitle"), Map.entry("phone", "phone"),
            Map.entry("consent", "consent.marketing"), Map.entry("consent_source", "consent.source"),
            Map.entry("consent_text", "consent.text"), Map.entry("budget", "answers.budget"),
            Map.entry("authority", "answers.authority"), Map.entry("need", "answers.need"),
            Map.entry("timeline", "answers.timeline"), Map.entry("employees", "answers.employees"));

    private final LeadIntake intake;
    private final Validator validator;
    private final CsvMapper csv = CsvMapper.builder().enable(CsvParser.Feature.TRIM_SPACES)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES).build();

    public LeadImport(LeadIntake intake, Validator validator) {
        this.intake = intake;
        this.validator = validator;
    }

    /**
     * Every row is read (and the body's size limit passed) before the first is stored: a file refused as too
     * large or unreadable stores nothing.
     */
    public ImportReport importCsv(Reader text) throws BodyTooLargeException {
        List<Map<String, String>> rows = read(text);
        int created = 0;
        int updated = 0;
        List<ImportReport.Rejected> rejected = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            int line = i + 2; // line 1 is the header
            try {
                LeadRequest request = request(rows.get(i));
                for (ConstraintViolation<LeadRequest> violation : validator.validate(request)) {
                    throw new InvalidFieldException(column(violation.getPropertyPath().toString()), violation.getMessage());
                }
                if (intake.capture(request.toSubmission(Instant.now(), "import")).created()) {
                    created++;
                } else {
                    updated++;
                }
            } catch (InvalidFieldException e) {
                rejected.add(new ImportReport.Rejected(line, e.field(), e.getMessage()));
            } catch (ConsentRequiredException e) {
                rejected.add(new ImportReport.Rejected(line, column(e.field()), e.getMessage()));
            }
        }
        return new ImportReport(created, updated, rejected);
    }

    private List<Map<String, String>> read(Reader text) throws BodyTooLargeException {
        List<Map<String, String>> all = new ArrayList<>();
        CsvSchema header;
        try (MappingIterator<Map<String, String>> rows = csv.readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(text)) {
            while (rows.hasNextValue()) {
                all.add(rows.nextValue());
            }
            header = (CsvSchema) rows.getParserSchema();
        } catch (BodyTooLargeException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new InvalidFieldException("body", "is not a readable CSV file: " + e.getMessage());
        }
        if (header != null && header.size() > 0 && header.column("email") == null) {
            throw new InvalidFieldException("header", "must have an email column; known columns: "
                    + String.join(", ", COLUMNS.keySet().stream().sorted().toList()));
        }
        return all;
    }

    private static LeadRequest request(Map<String, String> row) {
        row.forEach((column, value) -> {
            if (value != null && value.indexOf('\u0000') >= 0) {
                // PostgreSQL cannot store it in text
                throw new InvalidFieldException(column, "must not contain the NUL character");
            }
        });
        String consentSource = blank(row.get("consent_source"));
        String consentText = blank(row.get("consent_text"));
        Boolean consent = bool(row, "consent");
        if (Boolean.TRUE.equals(consent) && consentSource == null) {
            throw new InvalidFieldException("consent_source", "is required: where the person gave their consent");
        }
        LeadRequest.Consent given = consent == null ? null : new LeadRequest.Consent(consent, consentSource,
                consentText != null ? consentText : consentSource == null ? null
                        : "Consent to marketing email as recorded at the source: " + consentSource);
        return new LeadRequest(row.get("email"), blank(row.get("first_name")), blank(row.get("last_name")),
                blank(row.get("company")), blank(row.get("website")), blank(row.get("job_title")),
                blank(row.get("phone")), given,
                new QualificationAnswers(bool(row, "budget"), bool(row, "authority"), bool(row, "need"),
                        upper(blank(row.get("timeline"))), integer(row, "employees")),
                null, "import");
    }

    private static String column(String property) {
        return COLUMNS.entrySet().stream().filter(e -> e.getValue().equals(property)).map(Map.Entry::getKey)
                .findFirst().orElse(property);
    }

    private static Boolean bool(Map<String, String> row, String column) {
        String value = blank(row.get(column));
        if (value == null) {
            return null;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "y", "1" -> true;
            case "false", "no", "n", "0" -> false;
            default -> throw new InvalidFieldException(column, "must be true or false (or yes/no)");
        };
    }

    private static Integer integer(Map<String, String> row, String column) {
        String value = blank(row.get(column));
        try {
            return value == null ? null : Integer.valueOf(value);
        } catch (NumberFormatException e) {
            throw new InvalidFieldException(column, "must be a whole number");
        }
    }

    private static String upper(String value) {
        return value == null ? null : value.toUpperCase(Locale.ROOT);
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** The answer of an import: how many rows made new leads, how many updated known ones, and the bad rows. */
    public record ImportReport(int created, int updated, List<Rejected> rejected) {

        public record Rejected(int line, String field, String reason) {
        }
    }
}
