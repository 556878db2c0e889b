package io.dealflow.operations;

import jakarta.mail.MessagingException;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * Whether the SMTP server answers, as a warning and never as a failure: without it follow-ups wait in the outbox
 * and are retried, the rest of the app works, so a load balancer must not take the node out for it (Spring's own
 * mail health check would report DOWN; it is off, see application.yaml).
 */
@Component("smtp")
class SmtpHealth implements HealthIndicator {

    private final ObjectProvider<JavaMailSenderImpl> mailSender;

    SmtpHealth(ObjectProvider<JavaMailSenderImpl> mailSender) {
        this.mailSender = mailSender;
    }

    @Override
    public Health health() {
        Optional<JavaMailSenderImpl> smtp = Optional.ofNullable(mailSender.getIfAvailable());
        if (smtp.isEmpty()) {
            return Health.up().withDetail("configured", false)
                    .withDetail("warning", "no SMTP server (spring.mail.host): follow-ups are kept, not sent").build();
        }
        try {
            smtp.get().testConnection();
            return Health.up().withDetail("configured", true).withDetail("reachable", true).build();
        } catch (MessagingException e) {
            return Health.up().withDetail("configured", true).withDetail("reachable", false)
                    .withDetail("warning", "the SMTP server does not answer: follow-ups wait and are retried").build();
        }
    }
}
