package io.dealflow.privacy;

import io.dealflow.contact.*;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import java.time.Instant;

/**
 * The record that a contact was erased: who did it, when, and how many rows were changed or removed. No personal
 * data, so it is kept for accountability and served by the API as it is (flat, immutable, no relations).
 */
@Entity
public class Erasure {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "erasure_seq")
    @SequenceGenerator(name = "erasure_seq", sequenceName = "erasure_seq", allocationSize = 1)
    private Long id;
    private Long contactId;
    /** The Camunda user id of whoever asked for the erasure. */
    private String erasedBy;
    private Instant erasedAt;
    /** Follow-up emails to the person whose recipient, subject and kept content were blanked. */
    private int followUps;
    /** Deals the person was removed from. */
    private int dealLinks;
    /** Running process variables removed. */
    private int engineVariables;
    /** Historic variables removed, each with its recorded values. */
    private int historicVariables;
    /** Recorded values removed on their own: earlier values, form submissions, values of variables already gone. */
    private int historicDetails;

    protected Erasure() {
    }

    Erasure(Long contactId, String erasedBy, Instant erasedAt, int followUps, int dealLinks,
            EngineMentions.Removed engine) {
        this.contactId = contactId;
        this.erasedBy = erasedBy;
        this.erasedAt = erasedAt;
        this.followUps = followUps;
        this.dealLinks = dealLinks;
        this.engineVariables = engine.variables();
        this.historicVariables = engine.historicVariables();
        this.historicDetails = engine.historicDetails();
    }

    public Long getId() {
        return id;
    }

    public Long getContactId() {
        return contactId;
    }

    public String getErasedBy() {
        return erasedBy;
    }

    public Instant getErasedAt() {
        return erasedAt;
    }

    public int getFollowUps() {
        return followUps;
    }

    public int getDealLinks() {
        return dealLinks;
    }

    public int getEngineVariables() {
        return engineVariables;
    }

    public int getHistoricVariables() {
        return historicVariables;
    }

    public int getHistoricDetails() {
        return historicDetails;
    }
}
