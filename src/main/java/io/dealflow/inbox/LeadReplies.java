package io.dealflow.inbox;

import io.dealflow.lead.LeadViewPart;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** What came back from a lead through the sales mailbox: {@code replies} in the lead's view, as for a deal. */
@Component
class LeadReplies implements LeadViewPart {

    private final InboxStore store;

    LeadReplies(InboxStore store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "replies";
    }

    @Override
    @Transactional(readOnly = true)
    public List<InboxStore.Entry> of(Long leadId) {
        return store.ofLead(leadId);
    }
}
