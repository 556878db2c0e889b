package io.dealflow.followup;

import io.dealflow.contact.Contact;
import io.dealflow.deal.DealContact;
import org.camunda.bpm.engine.identity.User;

/** Who a follow-up goes to: a contact of the deal, or one of our users (the owner, a manager). */
record Recipient(Long contactId, String userId, String email, String firstName, String name) {

    static Recipient of(DealContact participant) {
        return of(participant.getContact());
    }

    static Recipient of(Contact contact) {
        return new Recipient(contact.getId(), null, contact.getEmail(), contact.getFirstName(), contact.displayName());
    }

    static Recipient of(User user) {
        String name = ((user.getFirstName() == null ? "" : user.getFirstName()) + " "
                + (user.getLastName() == null ? "" : user.getLastName())).strip();
        return new Recipient(null, user.getId(), user.getEmail(), user.getFirstName(), name.isEmpty() ? user.getId() : name);
    }

    /** Part of the idempotency key: the same person gets a follow-up once. */
    String key() {
        return contactId != null ? String.valueOf(contactId) : "user-" + userId;
    }
}
