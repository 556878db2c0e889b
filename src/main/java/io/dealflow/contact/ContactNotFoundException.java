package io.dealflow.contact;

import io.dealflow.web.NotFoundException;

public class ContactNotFoundException extends NotFoundException {

    public ContactNotFoundException(Object id) {
        super("No contact with id " + id);
    }
}
