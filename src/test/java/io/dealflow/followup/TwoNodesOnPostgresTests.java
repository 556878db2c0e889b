package io.dealflow.followup;

import io.dealflow.support.MailServer;
import static org.assertj.core.api.Assertions.assertThat;

import io.dealflow.deal.DealService;
import io.dealflow.support.SeparateApp;
import io.dealflow.support.TestDeals;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricExternalTaskLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two nodes of the app, each with its process engine, job executor and email worker running, on one PostgreSQL
 * database: 200 meeting confirmations due at once are each sent exactly once (counted per recipient by the test
 * SMTP server), both nodes take part, and no task ends in an incident.
 */
class TwoNodesOnPostgresTests {

    private static final int DUE = 200;

    @RegisterExtension
    static MailServer smtp = new MailServer();

    @Test
    void twoNodesSendEachDueFollowUpExactlyOnce() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            String url = postgres.getJdbcUrl("postgres", "postgres");
            // the first node is up and its worker off while the deals are opened, so the emails are all due at once
            // when both nodes' workers start
            ConfigurableApplicationContext opener = node("twoNodesOpener", url, false);
            List<String> recipients = new ArrayList<>();
            try {
                DealService deals = opener.getBean(DealService.class);
                for (int i = 0; i < DUE; i++) {
                    Long dealId = deals.open(TestDeals.opening("sam"));
                    recipients.add(deals.view(dealId).contacts().get(0).email());
                }
            } finally {
                opener.close();
            }

            ConfigurableApplicationContext one = node("nodeOne", url, true);
            ConfigurableApplicationContext two = null;
            try {
                two = node("nodeTwo", url, true);
                ExternalTaskService externalTasks = one.getBean(ExternalTaskService.class);
                Instant giveUp = Instant.now().plus(Duration.ofMinutes(3));
                while (externalTasks.createExternalTaskQuery().count() > 0 && Instant.now().isBefore(giveUp)) {
                    Thread.sleep(250);
                }

                assertThat(externalTasks.createExternalTaskQuery().count()).as("email tasks left").isZero();
                Map<String, Long> received = Arrays.stream(smtp.getReceivedMessages())
                        .flatMap(TwoNodesOnPostgresTests::recipients)
                        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
                assertThat(received).as("emails per recipient").hasSize(DUE)
                        .allSatisfy((recipient, count) -> assertThat(count).as(recipient).isOne());
                assertThat(received.keySet()).containsExactlyInAnyOrderElementsOf(
                        recipients.stream().map(String::toLowerCase).toList());
                assertThat(one.getBean(RuntimeService.class).createIncidentQuery().count()).isZero();
                assertThat(one.getBean(JdbcTemplate.class).queryForList(
                        "select status from follow_up group by status", String.class)).containsExactly("SENT");
                Set<String> workers = one.getBean(HistoryService.class).createHistoricExternalTaskLogQuery()
                        .successLog().list().stream().map(HistoricExternalTaskLog::getWorkerId)
                        .map(worker -> worker.substring(0, worker.indexOf('@'))).collect(Collectors.toSet());
                assertThat(workers).as("the nodes that completed email tasks").containsExactlyInAnyOrder("nodeOne",
                        "nodeTwo");
            } finally {
                if (two != null) {
                    two.close();
                }
                one.close();
            }
        }
    }

    private static ConfigurableApplicationContext node(String engineName, String url, boolean worker) {
        return SeparateApp.start(engineName, url,
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=postgres",
                "--camunda.bpm.job-execution.enabled=true",
                "--dealflow.mail.worker.enabled=" + worker);
    }

    private static java.util.stream.Stream<String> recipients(MimeMessage mail) {
        try {
            return Arrays.stream(mail.getAllRecipients()).map(Address::toString).map(String::toLowerCase);
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
