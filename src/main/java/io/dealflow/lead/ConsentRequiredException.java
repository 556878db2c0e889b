package io.dealflow.lead;

/** A lead without explicit marketing consent: refused (422), and nothing of it is stored. */
public class ConsentRequiredException extends RuntimeException {

    private final String field;

    public ConsentRequiredException(String field, String reason) {
        super(reason);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
