package io.dealflow.lead;

import io.dealflow.web.InvalidFieldException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * A row of an imported file as the lead it asks for, or the reason it is rejected (its line, the field and its
 * column, why). Everything that can be checked without storing is checked here, before the import runs:
 * the values, the same validation as POST /api/leads, and consent.
 *
 * <p>Consent wording is never invented. A row is a consenting lead only with the wording the person was shown:
 * its consent text column, or the {@code consentText} the person importing gave for the whole file. Without it
 * (or without consent) the row is rejected, or imported without marketing consent when the person importing
 * chose {@code withoutConsent=true}.
 */
@Component
public class ImportRows {

    /** The LeadRequest properties bean validation names, and the import fields they come from. */
    private static final Map<String, String> FIELD_OF_PROPERTY = Map.of("consent.marketing", "consent",
            "consent.source", "consentSource", "consent.text", "consentText", "answers.budget", "budget",
            "answers.authority", "authority", "answers.need", "need", "answers.timeline", "timeline",
            "answers.employees", "employees");

    private final Validator validator;

    public ImportRows(Validator validator) {
        this.validator = validator;
    }

    /** A row's lead: the request, and whether it is taken with marketing consent. */
    public record Lead(int line, LeadRequest request, boolean consenting) {
        public LeadSubmission submission(Instant now) {
            return consenting ? request.toSubmission(now, "import") : request.toSubmissionWithoutConsent(now, "import");
        }
    }

    /** A rejected row: its line, the lead field, the file's column, and why. */
    public record Rejected(int line, String field, String column, String reason) {
    }

    /** The lead of the row, or its rejection. */
    public Object read(ImportFile.Row row, ImportColumns.Mapping mapping, ImportOptions options) {
        try {
            Lead lead = lead(row, mapping, options);
            lead.submission(Instant.now()); // what the intake checks too (the website), reported now
            return lead;
        } catch (ConsentRequiredException e) {
            String field = FIELD_OF_PROPERTY.getOrDefault(e.field(), e.field());
            return new Rejected(row.line(), field, mapping.column(field), e.getMessage());
        } catch (InvalidFieldException e) {
            return new Rejected(row.line(), e.field(), mapping.column(e.field()), e.getMessage());
        }
    }

    private Lead lead(ImportFile.Row row, ImportColumns.Mapping mapping, ImportOptions options) {
        List<String> values = row.values();
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) != null && values.get(i).indexOf('\u0000') >= 0) {
                // PostgreSQL cannot store it in text
                String column = i < mapping.header().size() ? mapping.header().get(i) : "column " + (i + 1);
                String field = fieldOf(mapping, i);
                throw new InvalidFieldException(field == null ? column : field, "must not contain the NUL character");
            }
        }
        String firstName = mapping.value(values, "firstName");
        String lastName = mapping.value(values, "lastName");
        if (firstName == null && lastName == null) {
            String[] split = ImportValues.splitName(mapping.value(values, "name"));
            firstName = split[0];
            lastName = split[1];
        }
        QualificationAnswers answers = new QualificationAnswers(
                ImportValues.bool(mapping.value(values, "budget"), "budget"),
                ImportValues.bool(mapping.value(values, "authority"), "authority"),
                ImportValues.bool(mapping.value(values, "need"), "need"),
                upper(mapping.value(values, "timeline")),
                ImportValues.employees(mapping.value(values, "employees"), "employees"));
        Boolean consent = ImportValues.consent(mapping.value(values, "consent"), "consent");
        Boolean optOut = ImportValues.bool(mapping.value(values, "optOut"), "optOut");
        if (Boolean.TRUE.equals(optOut)) {
            consent = false;
        } else if (consent == null && !mapping.has("consent") && options.consentText() != null) {
            consent = true; // the person importing says everybody in the file agreed to this wording
        }
        String text = firstOf(mapping.value(values, "consentText"), options.consentText());
        String source = firstOf(mapping.value(values, "consentSource"), options.consentSource());
        LeadRequest request = new LeadRequest(mapping.value(values, "email"), firstName, lastName,
                mapping.value(values, "company"), mapping.value(values, "website"), mapping.value(values, "jobTitle"),
                mapping.value(values, "phone"), consent == null && source == null ? null
                        : new LeadRequest.Consent(consent, source, Boolean.TRUE.equals(consent) ? text : null),
                answers, null, "import");
        for (ConstraintViolation<LeadRequest> violation : validator.validate(request)) {
            String property = violation.getPropertyPath().toString();
            throw new InvalidFieldException(FIELD_OF_PROPERTY.getOrDefault(property, property), violation.getMessage());
        }
        if (!Boolean.TRUE.equals(consent)) {
            if (options.withoutConsent()) {
                return new Lead(row.line(), request, false);
            }
            throw new InvalidFieldException("consent", "explicit marketing consent is required: a row without it is "
                    + "not imported (or import it without marketing consent: withoutConsent=true)");
        }
        if (text == null) {
            if (options.withoutConsent()) {
                return new Lead(row.line(), request, false);
            }
            throw new InvalidFieldException("consentText", "the wording the person agreed to is required (a consent "
                    + "text column, or consentText for the whole file); it is never made up, so the row is not "
                    + "imported (or import it without marketing consent: withoutConsent=true)");
        }
        return new Lead(row.line(), request, true);
    }

    private static String fieldOf(ImportColumns.Mapping mapping, int column) {
        return mapping.fields().entrySet().stream().filter(e -> e.getValue().contains(column))
                .map(Map.Entry::getKey).findFirst().orElse(null);
    }

    private static String firstOf(String value, String otherwise) {
        return value != null ? value : otherwise;
    }

    private static String upper(String value) {
        return value == null ? null : value.toUpperCase(Locale.ROOT);
    }
}
