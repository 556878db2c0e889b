package io.dealflow.contact;

import io.dealflow.company.Company;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import java.time.Instant;

@Entity
public class Contact {

    static final String UNSUBSCRIBE_SOURCE = "unsubscribe link";
    static final String ERASURE_SOURCE = "erasure";

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "contact_seq")
    @SequenceGenerator(name = "contact_seq", sequenceName = "contact_seq", allocationSize = 50) // V17: blocks of 50
    private Long id;

    /** Trimmed and lower-cased (see {@link EmailAddresses}): the same person in any spelling. */
    private String email;

    private String firstName;

    private String lastName;

    private String phone;

    private String jobTitle;

    @ManyToOne(fetch = FetchType.LAZY)
    private Company company;

    @Embedded
    private MarketingConsent consent = MarketingConsent.none();

    /** IANA id (see {@link TimeZones}); null: the app's default zone (dealflow.mail.default-zone). */
    private String timeZone;

    /** The secret in this contact's unsubscribe link; null until a marketing email first needs one. */
    private String unsubscribeToken;

    private Instant createdAt;

    private Instant updatedAt;

    /** A permanent delivery failure of {@link #undeliverableAddress} (the email at the time) since then, and why. */
    private Instant undeliverableSince;

    private String undeliverableAddress;

    private String undeliverableReason;

    protected Contact() {
    }

    public Contact(String email, Instant now) {
        this.email = EmailAddresses.normalize(email);
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** Fills in what we did not know yet; never blanks out what we knew. */
    public void complete(String firstName, String lastName, String phone, String jobTitle, Company company, Instant now) {
        this.firstName = firstOf(firstName, this.firstName);
        this.lastName = firstOf(lastName, this.lastName);
        this.phone = firstOf(phone, this.phone);
        this.jobTitle = firstOf(jobTitle, this.jobTitle);
        if (this.company == null) {
            this.company = company;
        }
        this.updatedAt = now;
    }

    /** A zone we are told replaces the one we knew; none said keeps it. */
    public void useTimeZone(String timeZone, Instant now) {
        if (timeZone != null) {
            this.timeZone = timeZone;
            this.updatedAt = now;
        }
    }

    /** Set (or cleared, with null) through the contacts API. */
    public void changeTimeZone(String timeZone, Instant now) {
        this.timeZone = timeZone;
        this.updatedAt = now;
    }

    public void recordConsent(MarketingConsent consent, Instant now) {
        this.consent = consent;
        this.updatedAt = now;
    }

    /** From the unsubscribe link: marketing consent is withdrawn, recorded like any other consent change. */
    public void unsubscribe(Instant now) {
        recordConsent(new MarketingConsent(false, now, UNSUBSCRIBE_SOURCE, null), now);
    }

    /**
     * GDPR erasure: nothing that identifies the person stays. The row itself stays, so that follow-ups and the
     * erasure record still point somewhere; its email becomes a placeholder that is unique and reaches nobody.
     * The company goes too: a one-person company's name is the person's.
     */
    public void erase(Instant now) {
        email = placeholderEmail(id);
        firstName = null;
        lastName = null;
        phone = null;
        jobTitle = null;
        timeZone = null;
        company = null;
        unsubscribeToken = null;
        undeliverableSince = null;
        undeliverableAddress = null;
        undeliverableReason = null;
        recordConsent(new MarketingConsent(false, now, ERASURE_SOURCE, null), now);
    }

    /**
     * Whether any email may go to this contact: not when its address failed permanently (a bounce); an address
     * changed since is tried again.
     */
    public boolean isDeliverable() {
        return undeliverableSince == null || !undeliverableAddress.equals(email);
    }

    /** A permanent delivery failure of {@code address}; answers false when it was known already or is not ours. */
    public boolean markUndeliverable(String address, String reason, Instant now) {
        if (!EmailAddresses.normalize(address).equals(email) || !isDeliverable()) {
            return false;
        }
        undeliverableSince = now;
        undeliverableAddress = email;
        undeliverableReason = reason == null || reason.length() <= 500 ? reason : reason.substring(0, 500);
        updatedAt = now;
        return true;
    }

    public Instant getUndeliverableSince() {
        return isDeliverable() ? null : undeliverableSince;
    }

    public String getUndeliverableReason() {
        return isDeliverable() ? null : undeliverableReason;
    }

    public static String placeholderEmail(Long id) {
        return "erased-" + id + "@erased.invalid";
    }

    /** "Dana Buyer" when we know both parts; a first or last name alone is too common to find a person by. */
    public String fullName() {
        return firstName == null || lastName == null ? null : firstName + " " + lastName;
    }

    public void useUnsubscribeToken(String token) {
        this.unsubscribeToken = token;
    }

    public boolean mayReceiveMarketing() {
        return consent != null && consent.isGranted();
    }

    private static String firstOf(String given, String known) {
        return given == null || given.isBlank() ? known : given.trim();
    }

    public String displayName() {
        String name = ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName)).trim();
        return name.isEmpty() ? email : name;
    }

    public String getTimeZone() {
        return timeZone;
    }

    public String getUnsubscribeToken() {
        return unsubscribeToken;
    }

    public Long getId() {
        return id;
    }

    public String getEmail() {
        return email;
    }

    public String getFirstName() {
        return firstName;
    }

    public String getLastName() {
        return lastName;
    }

    public String getPhone() {
        return phone;
    }

    public String getJobTitle() {
        return jobTitle;
    }

    public Company getCompany() {
        return company;
    }

    public MarketingConsent getConsent() {
        return consent;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
