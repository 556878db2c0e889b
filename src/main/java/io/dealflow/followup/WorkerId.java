package io.dealflow.followup;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * This node's name in the engine's external task locks, the outbox's claims and the lead imports' claims:
 * dealflow.mail.worker.id, or
 * the engine's name, the host and a random suffix, so that two nodes (or two starts of one) never share it.
 */
@Component
public class WorkerId {

    private final String value;

    public WorkerId(MailWorkerProperties settings,
                    @Value("${camunda.bpm.process-engine-name:default}") String engineName) {
        this.value = settings.id() != null && !settings.id().isBlank() ? settings.id()
                : engineName + "@" + host() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public String value() {
        return value;
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}
