package io.dealflow.contact;

import java.util.Locale;

public final class EmailAddresses {

    private EmailAddresses() {
    }

    /** " Dana@ACME.example " and "dana@acme.example" are the same contact. */
    public static String normalize(String email) {
        return email == null ? null : email.trim().toLowerCase(Locale.ROOT);
    }
}
