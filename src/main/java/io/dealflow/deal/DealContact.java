package io.dealflow.deal;

import io.dealflow.contact.Contact;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;

/** A contact taking part in a deal, with their role in it. */
@Entity
public class DealContact {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "deal_contact_seq")
    @SequenceGenerator(name = "deal_contact_seq", sequenceName = "deal_contact_seq", allocationSize = 50) // V17: blocks of 50
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY)
    private Deal deal;

    @ManyToOne(fetch = FetchType.LAZY)
    private Contact contact;

    @Enumerated(EnumType.STRING)
    private ContactRole role;

    protected DealContact() {
    }

    DealContact(Deal deal, Contact contact, ContactRole role) {
        this.deal = deal;
        this.contact = contact;
        this.role = role;
    }

    public Deal getDeal() {
        return deal;
    }

    public Contact getContact() {
        return contact;
    }

    public ContactRole getRole() {
        return role;
    }
}
