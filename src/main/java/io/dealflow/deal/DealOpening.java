package io.dealflow.deal;

import io.dealflow.contact.ContactDetails;
import java.time.Instant;
import java.util.List;

/**
 * The opening data of a deal. It reaches the process's service tasks as a transient variable,
 * so it is never stored in the engine: the records it describes are stored in our tables. A null
 * {@code monthlyValue}: not known yet, in the base currency.
 */
public record DealOpening(String title, String companyName, String companyDomain, List<Participant> contacts,
                          MonthlyValue monthlyValue, String owner, Instant meetingAt) {

    public static final String VARIABLE = "opening";

    public record Participant(ContactDetails details, ContactRole role) {
    }
}
