package io.dealflow.lead;

import io.dealflow.web.InvalidFieldException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Values as CRMs and spreadsheets write them: yes/no in their spellings, subscription statuses, employee counts
 * as ranges, a whole name in one column. A value that cannot be read is an {@link InvalidFieldException} naming
 * the field, so the row is reported with its column.
 */
final class ImportValues {

    /** "250", "1,000", "11-50", "51 to 200", "1,001–5,000", "10000+", "10.000+": group 1 is the (lower) number. */
    private static final Pattern EMPLOYEES = Pattern.compile(
            "(\\d{1,3}(?:[,.' ]\\d{3})+|\\d+)\\s*(?:\\+|(?:-|–|—|to)\\s*(?:\\d{1,3}(?:[,.' ]\\d{3})+|\\d+))?");

    private ImportValues() {
    }

    /** true/false, yes/no, y/n, 1/0, x (a ticked box); null when empty. */
    static Boolean bool(String value, String field) {
        if (value == null) {
            return null;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "y", "1", "x", "checked" -> true;
            case "false", "no", "n", "0", "unchecked" -> false;
            default -> throw new InvalidFieldException(field, "must be true or false (or yes/no)");
        };
    }

    /** Consent as a yes/no or as a subscription status: Subscribed, Opted in / Unsubscribed, Not subscribed, No consent. */
    static Boolean consent(String value, String field) {
        if (value == null) {
            return null;
        }
        return switch (ImportColumns.normalize(value)) {
            case "subscribed", "optedin", "optin", "granted", "given", "consented" -> true;
            case "unsubscribed", "notsubscribed", "nonsubscribed", "optedout", "optout", "noconsent", "denied",
                 "withdrawn", "none" -> false;
            default -> {
                try {
                    yield bool(value, field);
                } catch (InvalidFieldException e) {
                    throw new InvalidFieldException(field, "must be yes or no, or Subscribed or Unsubscribed");
                }
            }
        };
    }

    /** A number of employees; of a range ("11-50", "1,000+") its lower bound, the size the company has at least. */
    static Integer employees(String value, String field) {
        if (value == null) {
            return null;
        }
        Matcher matcher = EMPLOYEES.matcher(value.trim());
        if (!matcher.matches()) {
            throw new InvalidFieldException(field, "must be a whole number or a range such as 11-50 or 1000+");
        }
        try {
            return Integer.valueOf(matcher.group(1).replaceAll("[,.' ]", ""));
        } catch (NumberFormatException e) {
            throw new InvalidFieldException(field, "is too large");
        }
    }

    /**
     * A whole name in one column: "Dana Buyer" is first name Dana, last name Buyer; the first word is the first name
     * and the rest the last ("Ana de la Cruz"); "Buyer, Dana" is last name first. One word is a first name.
     */
    static String[] splitName(String name) {
        if (name == null) {
            return new String[] {null, null};
        }
        int comma = name.indexOf(',');
        if (comma > 0) {
            return new String[] {blank(name.substring(comma + 1)), blank(name.substring(0, comma))};
        }
        String[] words = name.trim().split("\\s+", 2);
        return new String[] {words[0], words.length > 1 ? words[1] : null};
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
