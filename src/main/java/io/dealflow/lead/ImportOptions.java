package io.dealflow.lead;

import io.dealflow.web.InvalidFieldException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the person importing says about a whole file, as query parameters of the import and its preview:
 * <ul>
 *   <li>{@code column.<field>=<header>}: the column that fills a lead field (e.g. {@code column.email=E-Mail Adresse}),
 *       over the known names;</li>
 *   <li>{@code consentText}: the wording the people in the file agreed to, for rows without a consent text column;
 *       given without a consent column, it says that everybody in the file agreed to it (a row saying no, or an
 *       opt-out, still counts as no);</li>
 *   <li>{@code consentSource}: where they agreed (default "import");</li>
 *   <li>{@code withoutConsent=true}: a row without consent or without the wording is imported without marketing
 *       consent instead of being rejected.</li>
 * </ul>
 * Any other parameter is a 400 naming it, so that a misspelt option is not silently ignored.
 */
public record ImportOptions(Map<String, String> columns, String consentText, String consentSource,
                            boolean withoutConsent) {

    public static final ImportOptions NONE = new ImportOptions(Map.of(), null, null, false);

    public static ImportOptions of(Map<String, String> parameters) {
        Map<String, String> columns = new LinkedHashMap<>();
        String text = null;
        String source = null;
        boolean without = false;
        for (var parameter : parameters.entrySet()) {
            String name = parameter.getKey();
            String value = parameter.getValue() == null || parameter.getValue().isBlank() ? null
                    : parameter.getValue().trim();
            if (name.startsWith("column.")) {
                if (value == null) {
                    throw new InvalidFieldException(name, "must name a column of the file");
                }
                columns.put(name.substring("column.".length()), value);
            } else if (name.equals("consentText")) {
                text = bounded(name, value, 1000);
            } else if (name.equals("consentSource")) {
                source = bounded(name, value, 100);
            } else if (name.equals("withoutConsent")) {
                Boolean given = ImportValues.bool(value, name);
                without = Boolean.TRUE.equals(given);
            } else {
                throw new InvalidFieldException(name, "is not an import option; the options are column.<field>, "
                        + "consentText, consentSource, withoutConsent");
            }
        }
        return new ImportOptions(Map.copyOf(columns), text, source, without);
    }

    private static String bounded(String name, String value, int max) {
        if (value != null && value.length() > max) {
            throw new InvalidFieldException(name, "must be at most " + max + " characters");
        }
        return value;
    }
}
