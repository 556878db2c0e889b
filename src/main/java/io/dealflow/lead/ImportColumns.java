package io.dealflow.lead;

import io.dealflow.web.InvalidFieldException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which column of an imported file fills which lead field. Headers are compared without regard to case, spaces or
 * punctuation ("E-Mail Address" = "email_address"), against one table of the names our own template and the
 * contact exports of HubSpot, Pipedrive and Salesforce use; the person importing may name a column for a field
 * themselves ({@code column.<field>=<header>}), which wins over the table. Several columns may fill one field
 * (Pipedrive's "Email - Work", "Email - Home"): a row takes the first that is not empty. Columns that fill no
 * field are reported, never silently dropped.
 */
public final class ImportColumns {

    /** The lead fields a column may fill, with the header names each is known by (as {@link #normalize}d). */
    static final Map<String, List<String>> FIELDS = fields(
            "email", "email, emailaddress, e-mail, mail, email1, primaryemail, workemail, emailwork, emailhome, emailother",
            "firstName", "firstname, first_name, givenname, forename",
            "lastName", "lastname, last_name, surname, familyname",
            // one column with the whole name, split into first and last (see ImportValues.splitName)
            "name", "name, fullname, contactname, personname",
            "company", "company, companyname, organization, organisation, organizationname, organisationname, "
                    + "account, accountname, associatedcompany",
            "website", "website, websiteurl, companywebsite, web, url, companydomainname, domain",
            "jobTitle", "jobtitle, job_title, title, position",
            "phone", "phone, phonenumber, phonework, businessphone, telephone, mobile, mobilephone, "
                    + "mobilephonenumber, phonemobile",
            // yes/no, or a subscription status (Subscribed / Unsubscribed)
            "consent", "consent, marketingconsent, marketingstatus, emailmarketingstatus, subscriptionstatus, "
                    + "emailsubscriptionstatus, marketingemailconsent",
            // the opposite: yes means no consent (Salesforce "Email Opt Out", HubSpot "Unsubscribed from all email")
            "optOut", "emailoptout, hasoptedoutofemail, optedout, optout, unsubscribedfromallemail, "
                    + "optedoutofallemail, donotemail, unsubscribed",
            "consentSource", "consentsource, consent_source",
            "consentText", "consenttext, consent_text, consentwording, consentstatement",
            "budget", "budget",
            "authority", "authority",
            "need", "need",
            "timeline", "timeline",
            // a number or a range as the tools write it ("11-50", "1,000+"): the lower bound is taken
            "employees", "employees, numberofemployees, employeecount, noofemployees, companysize, headcount, "
                    + "annualemployees");

    /** Prefixes some exports put before a person's own fields ("Person - Email", "Contact: First Name"). */
    private static final List<String> PREFIXES = List.of("person", "contact", "lead");

    private ImportColumns() {
    }

    /** Lower case, letters and digits only: "Job Title", "job_title" and "JOB-TITLE" are the same column. */
    static String normalize(String header) {
        return header == null ? "" : header.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]", "");
    }

    /**
     * The mapping of a file's header: the table, overridden by the columns the person importing named
     * ({@code field -> header}). A named field or header that does not exist is a 400 naming the parameter.
     */
    static Mapping of(List<String> header, Map<String, String> named) {
        Map<String, List<Integer>> fields = new LinkedHashMap<>();
        List<Boolean> used = new ArrayList<>(header.stream().map(h -> false).toList());
        named.forEach((field, column) -> {
            if (!FIELDS.containsKey(field)) {
                throw new InvalidFieldException("column." + field, "is not a lead field; the fields are: "
                        + String.join(", ", FIELDS.keySet()));
            }
            int index = indexOf(header, column);
            if (index < 0) {
                throw new InvalidFieldException("column." + field, "names no column of the file: '" + column
                        + "'; its columns are: " + String.join(", ", header));
            }
            fields.computeIfAbsent(field, f -> new ArrayList<>()).add(index);
            used.set(index, true);
        });
        for (int i = 0; i < header.size(); i++) {
            if (used.get(i)) {
                continue;
            }
            Optional<String> field = known(header.get(i));
            if (field.isPresent() && !named.containsKey(field.get())) {
                fields.computeIfAbsent(field.get(), f -> new ArrayList<>()).add(i);
                used.set(i, true);
            }
        }
        List<String> unknown = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            if (!used.get(i) && !header.get(i).isBlank()) {
                unknown.add(header.get(i));
            }
        }
        return new Mapping(header, fields, unknown);
    }

    private static Optional<String> known(String header) {
        String name = normalize(header);
        Optional<String> field = fieldNamed(name);
        for (String prefix : PREFIXES) {
            if (field.isEmpty() && name.startsWith(prefix) && name.length() > prefix.length()) {
                field = fieldNamed(name.substring(prefix.length()));
            }
        }
        return field;
    }

    private static Optional<String> fieldNamed(String normalized) {
        return FIELDS.entrySet().stream()
                .filter(e -> e.getValue().stream().anyMatch(alias -> normalize(alias).equals(normalized)))
                .map(Map.Entry::getKey).findFirst();
    }

    private static int indexOf(List<String> header, String column) {
        int exact = header.indexOf(column);
        if (exact >= 0) {
            return exact;
        }
        for (int i = 0; i < header.size(); i++) {
            if (normalize(header.get(i)).equals(normalize(column))) {
                return i;
            }
        }
        return -1;
    }

    private static Map<String, List<String>> fields(String... pairs) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            fields.put(pairs[i], List.of(pairs[i + 1].split(",\\s*")));
        }
        return fields;
    }

    /** A file's header and the columns of each field, in the file's order; the columns no field takes. */
    public record Mapping(List<String> header, Map<String, List<Integer>> fields, List<String> unknownColumns) {

        /** The first non-blank value of the field's columns in the row, trimmed; null when none. */
        String value(List<String> row, String field) {
            for (int index : fields.getOrDefault(field, List.of())) {
                String value = index < row.size() ? row.get(index) : null;
                if (value != null && !value.isBlank()) {
                    return value.trim();
                }
            }
            return null;
        }

        boolean has(String field) {
            return fields.containsKey(field);
        }

        /** The header of the field's (first) column, to name it in a report; the field itself when it has none. */
        String column(String field) {
            List<Integer> columns = fields.get(field);
            return columns == null || columns.isEmpty() ? field : header.get(columns.get(0));
        }

        /** For an answer: each field and the header of the column(s) it is read from. */
        public Map<String, List<String>> columns() {
            Map<String, List<String>> named = new LinkedHashMap<>();
            fields.forEach((field, indexes) -> named.put(field, indexes.stream().map(header::get).toList()));
            return named;
        }
    }
}
