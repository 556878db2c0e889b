package io.dealflow.lead;

public class LeadNotFoundException extends RuntimeException {

    public LeadNotFoundException(Object id) {
        super("No lead with id " + id);
    }
}
