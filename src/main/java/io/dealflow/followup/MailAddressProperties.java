package io.dealflow.followup;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * dealflow.mail: the addresses our emails go out with.
 *
 * @param from    the sender of every email
 * @param replyTo where a prospect's or a lead's reply goes: the sales mailbox that the inbox (dealflow.inbox.*)
 *                reads, so the reply is matched to its thread; the sender's address when unset
 */
@ConfigurationProperties("dealflow.mail")
public record MailAddressProperties(@DefaultValue("dealflow@example.com") String from, String replyTo) {

    @Override
    public String replyTo() {
        return replyTo == null || replyTo.isBlank() ? from : replyTo;
    }
}
