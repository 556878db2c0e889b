package io.dealflow.settings;

import io.dealflow.settings.DealflowProperties;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.bind.Name;
import org.springframework.util.unit.DataSize;

/**
 * The product's settings under {@code dealflow.*}, typed and in one place; their defaults and what each means are in
 * {@code application.yaml} (README, "Configuration"). The email worker's, the send window's and limits'
 * (followup.SendingProperties) and the login throttle's settings have records of their own in their packages.
 *
 * @param salesProcessKey the process key of the deal stages' model (bpmn/sales-process.bpmn)
 * @param leadProcessKey the process key of marketing's model (bpmn/lead-process.bpmn)
 * @param publicUrl the address people reach this app at: links in emails (unsubscribe, consent confirmation)
 * @param escalationGroup the group told of idle deals past their escalation limit and of missed hand-offs
 */
@ConfigurationProperties("dealflow")
public record DealflowProperties(String salesProcessKey, String leadProcessKey, String publicUrl,
                                 String escalationGroup, @DefaultValue Pipeline pipeline,
                                 @DefaultValue LeadForm leadForm, @Name("public") @DefaultValue PublicPages publicPages,
                                 @DefaultValue Api api, @DefaultValue Leads leads, @DefaultValue Mail mail,
                                 @DefaultValue IdleWatch idleWatch, @DefaultValue AdminUser adminUser) {

    /** @param baseCurrency the currency of deals opened without a value, and of the pipeline's totals */
    public record Pipeline(String baseCurrency) {
    }

    /**
     * @param consentText the wording the public lead form shows next to its consent box, recorded with each consent
     * @param frameAncestors the origins that may embed the public pages in a frame (CSP frame-ancestors)
     * @param confirmationValidFor how long a double opt-in link works
     */
    public record LeadForm(String consentText, @DefaultValue("'self'") List<String> frameAncestors,
                           Duration confirmationValidFor) {
    }

    /** The public pages (lead form, unsubscribe, consent confirmation). */
    public record PublicPages(@DefaultValue RateLimit rateLimit) {

        /** At most {@code requests} per client address per {@code window}. */
        public record RateLimit(int requests, Duration window) {
        }
    }

    /** @param maxBodySize the largest JSON body the API reads */
    public record Api(DataSize maxBodySize) {
    }

    /** @param salesGroup the group whose members may take a handed-over lead */
    public record Leads(String salesGroup, @Name("import") @DefaultValue Import importing) {

        /**
         * @param maxSize the largest CSV file accepted
         * @param batchSize rows per transaction
         * @param claimFor how long a node holds a batch before another may take it over (a node that died)
         * @param workers threads of a node sharing an import's rows
         */
        public record Import(DataSize maxSize, int batchSize, Duration claimFor, int workers) {
        }
    }

    /**
     * @param from the sender of every email; its domain is the Message-IDs' domain
     * @param replyTo where a prospect's or a lead's reply goes: the sales mailbox that the inbox (dealflow.inbox.*)
     *                reads, so the reply is matched to its thread; the sender's address when unset
     * @param sendKeptWithin emails kept while no SMTP server was configured are sent at start if no older than this
     */
    public record Mail(@DefaultValue("dealflow@example.com") String from, String replyTo,
                       @DefaultValue("P7D") Duration sendKeptWithin) {

        @Override
        public String replyTo() {
            return replyTo == null || replyTo.isBlank() ? from : replyTo;
        }
    }

    /** @param batchSize deals per transaction in one run of the idle deal watch */
    public record IdleWatch(int batchSize) {
    }

    /** The first administrator created on an empty production database (env DEALFLOW_ADMIN_USER / DEALFLOW_ADMIN_PASSWORD). */
    public record AdminUser(String id, String password) {
    }
}
