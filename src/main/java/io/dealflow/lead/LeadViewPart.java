package io.dealflow.lead;

import java.util.List;

/**
 * What another feature keeps about a lead and shows with it in {@code GET /api/leads/{id}} (what the person wrote
 * back to the sales mailbox, for one), as {@link io.dealflow.deal.DealViewPart} does for deals.
 */
public interface LeadViewPart {

    /** The property the entries appear under. */
    String name();

    /** The lead's entries, oldest first. */
    List<?> of(Long leadId);
}
