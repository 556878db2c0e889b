package io.dealflow.contact;

/** A contact no longer wants marketing email (unsubscribe link, API, erasure): nurturing must stop. */
public record ConsentWithdrawn(Long contactId) {
}
