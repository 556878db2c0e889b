package io.dealflow.process.sales;

import io.dealflow.followup.EmailTask;
import io.dealflow.followup.FollowUpSender;
import io.dealflow.followup.DealContactEmails;
import java.util.Map;
import io.dealflow.followup.LockedEmailTask;
import org.springframework.stereotype.Component;

/** "Send closing email": the note to the decision makers of a lost deal (see DealContactEmails#closingNotes). */
@Component("sendClosingEmail")
public class SendClosingEmail implements EmailTask {

    private final DealContactEmails emails;
    private final FollowUpSender sender;

    public SendClosingEmail(DealContactEmails emails, FollowUpSender sender) {
        this.emails = emails;
        this.sender = sender;
    }

    @Override
    public Map<String, Object> work(LockedEmailTask task, Runnable beforeEachEmail) {
        sender.deliver(emails.closingNotes(SalesVariables.dealId(task)), beforeEachEmail);
        return Map.of();
    }
}
