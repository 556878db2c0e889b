package io.dealflow.company;

import java.util.Locale;

/** Turns what people type as a company's web address into the domain we match companies by. */
public final class Domains {

    private Domains() {
    }

    /**
     * "HTTPS://www.Acme.example/about" becomes "acme.example". Returns null for blank input.
     */
    public static String normalize(String input) {
        if (input == null || input.isBlank()) {
            return null;
        }
        String domain = input.trim().toLowerCase(Locale.ROOT);
        int scheme = domain.indexOf("://");
        if (scheme >= 0) {
            domain = domain.substring(scheme + 3);
        }
        int end = firstIndexOf(domain, '/', '?', '#', ':');
        if (end >= 0) {
            domain = domain.substring(0, end);
        }
        int at = domain.lastIndexOf('@');
        if (at >= 0) {
            domain = domain.substring(at + 1);
        }
        if (domain.startsWith("www.")) {
            domain = domain.substring(4);
        }
        while (domain.endsWith(".")) {
            domain = domain.substring(0, domain.length() - 1);
        }
        return domain.isEmpty() ? null : domain;
    }

    /** A syntactically valid host name: labels of letters, digits and hyphens, at least one dot. */
    public static boolean isValid(String normalized) {
        return normalized != null
                && normalized.length() <= 253
                && normalized.matches("([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z][a-z0-9-]{0,62}");
    }

    private static int firstIndexOf(String s, char... chars) {
        int first = -1;
        for (char c : chars) {
            int i = s.indexOf(c);
            if (i >= 0 && (first < 0 || i < first)) {
                first = i;
            }
        }
        return first;
    }
}
