package io.dealflow.inbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * dealflow.inbox: the sales mailbox read for replies, bounces and automatic replies (see {@link InboxReader}).
 *
 * @param host         the IMAP server; unset: the mailbox is not read
 * @param port         its port; unset: the protocol's (143 for imap, 993 for imaps)
 * @param protocol     {@code imap} or {@code imaps} (TLS from the first byte)
 * @param folder       the folder read
 * @param pollInterval the pause between two reads
 */
@ConfigurationProperties("dealflow.inbox")
public record InboxProperties(String host, Integer port, @DefaultValue("imaps") String protocol, String username,
                              String password, @DefaultValue("INBOX") String folder,
                              @DefaultValue("PT1M") Duration pollInterval) {

    public InboxProperties {
        if (!"imap".equals(protocol) && !"imaps".equals(protocol)) {
            throw new IllegalArgumentException("dealflow.inbox.protocol must be imap or imaps, not " + protocol);
        }
    }

    boolean enabled() {
        return host != null && !host.isBlank();
    }

    /** The name of what is read, as the reader's position is stored under: user@host:port/folder. */
    String mailbox() {
        return username + "@" + host + ":" + (port == null ? "" : port) + "/" + folder;
    }
}
