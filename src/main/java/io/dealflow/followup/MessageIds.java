package io.dealflow.followup;

import io.dealflow.settings.DealflowProperties;
import java.util.Locale;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Message-IDs of our sending domain (the part after the @ of {@code dealflow.mail.from}), never the host name
 * Jakarta Mail would use ({@code @localhost} on most servers, which spam filters hold against the sender).
 */
@Component
public class MessageIds {

    private final String domain;

    public MessageIds(DealflowProperties settings) {
        String from = settings.mail().from();
        String address = from.contains("<") ? from.substring(from.indexOf('<') + 1, from.indexOf('>', from.indexOf('<')))
                : from;
        this.domain = address.substring(address.lastIndexOf('@') + 1).trim().toLowerCase(Locale.ROOT);
    }

    /** A new, globally unique Message-ID with its angle brackets, as the header carries it. */
    public String next() {
        return "<" + UUID.randomUUID() + "@" + domain + ">";
    }

    public String domain() {
        return domain;
    }
}
