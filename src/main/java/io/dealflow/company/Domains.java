package io.dealflow.company;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

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

    /** Mailbox providers: their domain says nothing about where a person works. */
    private static final Set<String> FREE_MAIL = Set.of("gmail.com", "googlemail.com", "outlook.com", "hotmail.com",
            "live.com", "msn.com", "yahoo.com", "yahoo.co.uk", "ymail.com", "icloud.com", "me.com", "mac.com",
            "aol.com", "gmx.de", "gmx.net", "gmx.com", "web.de", "t-online.de", "mail.com", "proton.me",
            "protonmail.com", "zoho.com", "yandex.ru", "yandex.com", "mail.ru", "qq.com", "163.com", "fastmail.com",
            "hey.com", "orange.fr", "free.fr", "libero.it", "wp.pl", "seznam.cz");

    public static boolean isFreeMail(String normalized) {
        return normalized != null && FREE_MAIL.contains(normalized);
    }

    /** "eu.sales.acme.example" → ["sales.acme.example", "acme.example"]: where a subdomain's company may be known. */
    public static List<String> parents(String normalized) {
        List<String> parents = new ArrayList<>();
        String domain = normalized;
        int dot = domain.indexOf('.');
        while (dot > 0 && domain.indexOf('.', dot + 1) > 0) {
            domain = domain.substring(dot + 1);
            parents.add(domain);
            dot = domain.indexOf('.');
        }
        return parents;
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
