package io.dealflow.inbox;

import io.dealflow.deal.DealViewPart;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What came back from the deal's contacts through the sales mailbox: {@code replies} in the deal's view, each with
 * its kind ({@code reply}, {@code auto-reply}, {@code bounce}), when it arrived, from whom, its subject and the
 * start of its own text.
 */
@Component
class DealReplies implements DealViewPart {

    private final InboxStore store;

    DealReplies(InboxStore store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "replies";
    }

    @Override
    @Transactional(readOnly = true)
    public List<InboxStore.Entry> of(Long dealId) {
        return store.ofDeal(dealId);
    }
}
