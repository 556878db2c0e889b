package io.dealflow.lead;

import io.dealflow.company.Company;
import io.dealflow.company.CompanyService;
import io.dealflow.contact.Contact;
import io.dealflow.contact.ContactService;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The company and the contact a submission is about. From an import or the API (a logged-in user) they are
 * found or created and completed; from the public form a new person is stored as submitted, but a known
 * person and their company stay as stored: the submission is kept on their lead instead (see LeadService).
 */
@Component
public class LeadParties {

    private final CompanyService companies;
    private final ContactService contacts;

    public LeadParties(CompanyService companies, ContactService contacts) {
        this.companies = companies;
        this.contacts = contacts;
    }

    public Optional<Company> company(LeadSubmission submission, Instant now) {
        if (submission.isPublic()) {
            Optional<Contact> known = contacts.findByEmail(submission.contact().email());
            if (known.isPresent()) {
                return Optional.ofNullable(known.get().getCompany());
            }
        }
        return companies.findOrCreateForLead(submission.companyName(), submission.website(),
                submission.contact().email(), now);
    }

    public Contact contact(LeadSubmission submission, Company company, Instant now) {
        return submission.isPublic()
                ? contacts.findOrCreateAsStored(submission.contact(), company, now)
                : contacts.findOrCreate(submission.contact(), company, now);
    }
}
