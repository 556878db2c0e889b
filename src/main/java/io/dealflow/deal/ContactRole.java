package io.dealflow.deal;

/** The part a contact plays in a deal. */
public enum ContactRole {
    DECISION_MAKER("Decision maker"),
    CHAMPION("Champion"),
    INFLUENCER("Influencer"),
    USER("User"),
    OTHER("Other");

    private final String label;

    ContactRole(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
