package io.dealflow.followup;

import io.dealflow.support.MailServer;
import static org.assertj.core.api.Assertions.assertThat;

import io.dealflow.deal.DealService;
import io.dealflow.support.SeparateApp;
import io.dealflow.support.TestDeals;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The mailbox's per-minute limit holds across two nodes on one PostgreSQL working the same due emails at the same
 * moment, one task per poll: 8 emails with a limit of 3 go 3, 3 and 2 in three successive minutes of the engine's
 * clock, each exactly once, no task failed.
 */
class MailboxLimitsOnPostgresTests {

    private static final int DUE = 8;
    private static final int PER_MINUTE = 3;

    @RegisterExtension
    static MailServer smtp = new MailServer();

    @AfterEach
    void realTime() {
        ClockUtil.reset();
    }

    @Test
    void twoNodesTogetherSendNoMoreThanTheLimitPerMinuteAndNoEmailIsDroppedOrSentTwice() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            String url = postgres.getJdbcUrl("postgres", "postgres");
            ConfigurableApplicationContext one = node("limitsNodeOne", url);
            ConfigurableApplicationContext two = null;
            try {
                two = node("limitsNodeTwo", url);
                Instant start = Instant.parse("2027-01-13T10:00:00Z");
                ClockUtil.setCurrentTime(Date.from(start));
                DealService deals = one.getBean(DealService.class);
                List<String> recipients = new ArrayList<>();
                for (int i = 0; i < DUE; i++) {
                    recipients.add(deals.view(deals.open(TestDeals.opening("sam"))).contacts().get(0).email()
                            .toLowerCase());
                }
                FollowUpWorker first = one.getBean(FollowUpWorker.class);
                FollowUpWorker second = two.getBean(FollowUpWorker.class);

                int[] expected = {PER_MINUTE, 2 * PER_MINUTE, DUE};
                for (int minute = 0; minute < expected.length; minute++) {
                    ClockUtil.setCurrentTime(Date.from(start.plus(Duration.ofSeconds(61L * minute))));
                    CompletableFuture<Void> a = CompletableFuture.runAsync(() -> drain(first));
                    CompletableFuture<Void> b = CompletableFuture.runAsync(() -> drain(second));
                    CompletableFuture.allOf(a, b).get();
                    assertThat(smtp.getReceivedMessages()).as("sent by minute %d", minute + 1)
                            .hasSize(expected[minute]);
                }

                Map<String, Long> received = Arrays.stream(smtp.getReceivedMessages())
                        .flatMap(MailboxLimitsOnPostgresTests::recipients)
                        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
                assertThat(received.keySet()).containsExactlyInAnyOrderElementsOf(recipients);
                assertThat(received.values()).allSatisfy(count -> assertThat(count).isOne());
                assertThat(one.getBean(ExternalTaskService.class).createExternalTaskQuery().count())
                        .as("email tasks left").isZero();
                assertThat(one.getBean(RuntimeService.class).createIncidentQuery().count()).isZero();
            } finally {
                if (two != null) {
                    two.close();
                }
                one.close();
            }
        }
    }

    /** Polls, one task at a time, until this node finds nothing to lock (the held tasks stay locked). */
    private static void drain(FollowUpWorker worker) {
        while (worker.workOnce() > 0) {
            // the next task
        }
    }

    private static ConfigurableApplicationContext node(String engineName, String url) {
        return SeparateApp.start(engineName, url,
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=postgres",
                "--dealflow.mail.worker.max-tasks=1",
                "--dealflow.mail.limits.per-minute=" + PER_MINUTE);
    }

    private static java.util.stream.Stream<String> recipients(jakarta.mail.internet.MimeMessage mail) {
        try {
            return Arrays.stream(mail.getAllRecipients()).map(Address::toString).map(String::toLowerCase);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
