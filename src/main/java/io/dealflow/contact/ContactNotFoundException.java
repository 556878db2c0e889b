package io.dealflow.contact;

public class ContactNotFoundException extends RuntimeException {

    public ContactNotFoundException(Object id) {
        super("No contact with id " + id);
    }
}
