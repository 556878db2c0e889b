package io.dealflow.lead;

import io.dealflow.web.NotFoundException;

public class LeadNotFoundException extends NotFoundException {

    public LeadNotFoundException(Object id) {
        super("No lead with id " + id);
    }
}
