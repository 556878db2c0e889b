package io.dealflow.deal;

import java.util.List;

/**
 * What another feature keeps about a deal and shows with it in {@code GET /api/deals/{id}} (the follow-ups the
 * process composed, for one). The deal knows none of them by name: each is a bean of this type, and its entries
 * appear under {@link #name()} after the deal's own fields.
 */
public interface DealViewPart {

    /** The property the entries appear under. */
    String name();

    /** The deal's entries, oldest first. */
    List<?> of(Long dealId);
}
