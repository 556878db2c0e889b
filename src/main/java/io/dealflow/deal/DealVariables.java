package io.dealflow.deal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The process variables of a deal: its id, the owner the stages are assigned to, and the few
 * read-only facts the stage forms show. Everything else is read from our tables.
 */
public final class DealVariables {

    public static final String DEAL_ID = "dealId";
    public static final String OWNER = "owner";
    /** The booked meeting as an ISO instant, or null; the model's "Meeting time given?" gateway reads it. */
    public static final String MEETING_AT = "meetingAt";
    /** "Dana Buyer (Decision maker), Lee User (User)": shown on the stage forms. */
    public static final String CONTACT_NAMES = "contactNames";

    private DealVariables() {
    }

    public static Map<String, Object> of(Deal deal) {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put(DEAL_ID, deal.getId());
        variables.put(OWNER, deal.getOwner());
        variables.put(MEETING_AT, deal.getMeetingAt() == null ? null : deal.getMeetingAt().toString());
        variables.put("dealReference", deal.getReference());
        variables.put("dealTitle", deal.getTitle());
        variables.put("companyName", deal.getCompany().getName());
        variables.put(CONTACT_NAMES, contactNames(deal));
        variables.put("monthlyValue", deal.getMonthlyValue().display());
        return variables;
    }

    static String contactNames(Deal deal) {
        return deal.getContacts().stream()
                .map(dc -> dc.getContact().displayName() + " (" + dc.getRole().label() + ")")
                .collect(Collectors.joining(", "));
    }
}
