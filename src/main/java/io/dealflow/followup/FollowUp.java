package io.dealflow.followup;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/** The record of one follow-up email: what was composed for whom, and whether it went out. */
@Entity
@Table(name = "follow_up")
public class FollowUp {

    private static final int ERROR_LENGTH = 2000;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "follow_up_seq")
    @SequenceGenerator(name = "follow_up_seq", sequenceName = "follow_up_seq", allocationSize = 50) // V17: blocks of 50
    private Long id;
    private Long dealId;
    private Long leadId;
    private Long contactId;
    @Enumerated(EnumType.STRING)
    private FollowUpKind kind;
    private String recipient;
    private String subject;
    @Enumerated(EnumType.STRING)
    private FollowUpStatus status;
    private String idempotencyKey;
    private Instant createdAt;
    private Instant sentAt;
    private String error;
    private int attempts;
    /** The composed email, kept only while it waits for an SMTP server (status NOT_SENT_NO_SMTP). */
    private String bodyText;
    private String bodyHtml;
    private String calendarInvite;
    private String unsubscribeUrl;
    /** The node sending it now (status SENDING), and until when its claim holds; see FollowUpOutbox#claim. */
    private String messageId;
    private String claimedBy;
    private Instant claimedUntil;

    /** The length of the subject column. */
    static final int SUBJECT_MAX_LENGTH = 300;

    protected FollowUp() {
    }

    public FollowUp(Long dealId, Long leadId, Long contactId, FollowUpKind kind, String recipient, String subject,
                    String idempotencyKey, Instant now) {
        this.dealId = dealId;
        this.leadId = leadId;
        this.contactId = contactId;
        this.kind = kind;
        this.recipient = recipient;
        // composed from names and titles that each fit their own column, but together may not fit this one
        this.subject = subject.length() <= SUBJECT_MAX_LENGTH ? subject
                : subject.substring(0, SUBJECT_MAX_LENGTH - 1) + "…";
        this.idempotencyKey = idempotencyKey;
        this.status = FollowUpStatus.PENDING;
        this.createdAt = now;
    }

    /** Whether {@code worker} holds the claim to send it now. */
    boolean claimedBy(String worker) {
        return status == FollowUpStatus.SENDING && worker.equals(claimedBy);
    }

    private void released() {
        claimedBy = null;
        claimedUntil = null;
    }

    void sent(Instant at) {
        released();
        status = FollowUpStatus.SENT;
        sentAt = at;
        error = null;
        bodyText = null;
        bodyHtml = null;
        calendarInvite = null;
        unsubscribeUrl = null;
    }

    void failed(String message) {
        released();
        status = FollowUpStatus.FAILED;
        error = message == null ? null : message.substring(0, Math.min(message.length(), ERROR_LENGTH));
    }

    /** A kept email that could not be sent now: kept for the next try, with the error. */
    void stillKept(String message) {
        failed(message);
        status = FollowUpStatus.NOT_SENT_NO_SMTP;
    }

    /** Never to be sent: {@code NOT_SENT_NO_CONSENT} or {@code NOT_SENT_UNDELIVERABLE}. */
    void notSent(FollowUpStatus why) {
        status = why;
    }

    void keptWithoutSmtp(ComposedMail mail, String unsubscribeLink) {
        released();
        status = FollowUpStatus.NOT_SENT_NO_SMTP;
        bodyText = mail.text();
        bodyHtml = mail.html();
        calendarInvite = mail.calendarInvite();
        unsubscribeUrl = unsubscribeLink;
    }

    /**
     * GDPR erasure of the recipient: the row stays in the deal's record of what was sent when, but the address,
     * the subject (it may name the person; the kind says what it was) and everything kept of the email are gone.
     * A kept email without its content is never sent.
     */
    public void erase(String placeholderRecipient) {
        recipient = placeholderRecipient;
        subject = kind.name();
        error = null;
        bodyText = null;
        bodyHtml = null;
        calendarInvite = null;
        unsubscribeUrl = null;
    }

    /** The email as it was composed, to send it now; null when it was not kept. */
    ComposedMail keptMail() {
        return bodyText == null ? null : new ComposedMail(subject, bodyText, bodyHtml, calendarInvite);
    }

    String getUnsubscribeUrl() {
        return unsubscribeUrl;
    }

    public Long getId() {
        return id;
    }

    public Long getDealId() {
        return dealId;
    }

    public Long getLeadId() {
        return leadId;
    }

    public Long getContactId() {
        return contactId;
    }

    public FollowUpKind getKind() {
        return kind;
    }

    public String getRecipient() {
        return recipient;
    }

    public String getSubject() {
        return subject;
    }

    public FollowUpStatus getStatus() {
        return status;
    }

    /** The Message-ID the email goes out with (with its angle brackets); recorded before it is sent. */
    public String getMessageId() {
        return messageId;
    }

    void identifyAs(String messageId) {
        this.messageId = messageId;
    }

    public String getIdempotencyKey() {
        return idempotencyKey;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getSentAt() {
        return sentAt;
    }

    public String getError() {
        return error;
    }

    public int getAttempts() {
        return attempts;
    }

    public String getClaimedBy() {
        return claimedBy;
    }

    public Instant getClaimedUntil() {
        return claimedUntil;
    }

    /** The plain text of an email kept while no SMTP server was configured; null otherwise. */
    public String getBodyText() {
        return bodyText;
    }
}
