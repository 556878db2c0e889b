package io.dealflow.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.dealflow.deal.Deal;
import io.dealflow.deal.DealService;
import io.dealflow.support.Api;
import io.dealflow.support.OnH2;
import io.dealflow.support.TestDeals;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.externaltask.ExternalTask;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A mail server that accepts the connection and never answers: the send gives up after its timeout (the tests'
 * SMTP settings: 2 s), the email task is handed back to be retried, its follow-up is FAILED, no database
 * connection is held meanwhile, and the rest of the app keeps answering. Liveness, not speed: the bound of the
 * wait only says it does not hang.
 */
@OnH2
class HungSmtpTests {

    /** Where the tests' SMTP settings point (application-test.yaml); GreenMail runs there only in other tests. */
    private static final int SMTP_PORT = 3025;

    @LocalServerPort
    int port;
    @Autowired
    DealFollowUps dealFollowUps;

    @Autowired
    DealService deals;
    @Autowired
    FollowUpWorker worker;
    @Autowired
    ExternalTaskService externalTasks;
    @Autowired
    DataSource dataSource;

    @Test
    void aHungMailServerFailsTheSendAfterItsTimeoutAndHoldsNothingElse() throws Exception {
        Deal deal = deals.get(deals.open(TestDeals.opening("sam")));
        ExternalTask confirmation = externalTasks.createExternalTaskQuery()
                .processInstanceId(deal.getProcessInstanceId()).activityId("SendMeetingConfirmation").singleResult();

        try (HungServer hung = new HungServer(SMTP_PORT)) {
            CompletableFuture<Integer> send = CompletableFuture.supplyAsync(
                    () -> worker.workOn(deal.getProcessInstanceId()));
            while (hung.accepted() == 0 && !send.isDone()) {
                Thread.sleep(20);
            }
            // while the send waits on the silent server, deals still open, and it holds no database connection
            Api.Response opened = new Api(port).post("/api/deals", TestDeals.requestJson("sam"), "sam");
            assertThat(opened.status()).as(opened.body()).isEqualTo(201);
            if (!send.isDone() && dataSource instanceof HikariDataSource pool) {
                assertThat(pool.getHikariPoolMXBean().getActiveConnections()).as("connections in use mid-send")
                        .isZero();
            }

            int worked = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> send.get());
            assertThat(worked).as("the send must fail and hand the task back, not hang").isOne();
            assertThat(hung.accepted()).isPositive();
        }
        assertThat(externalTasks.createExternalTaskQuery().externalTaskId(confirmation.getId()).singleResult()
                .getRetries()).isEqualTo(2);
        assertThat(dealFollowUps.of(deal.getId())).singleElement().satisfies(followUp -> {
            assertThat(followUp.status()).isEqualTo(FollowUpStatus.FAILED);
            assertThat(followUp.error()).isNotBlank();
        });
    }

    /** Accepts every connection and never sends a byte, as a hung mail server does. */
    private static final class HungServer implements AutoCloseable {

        private final ServerSocket server;
        private final List<Socket> connections = new ArrayList<>();
        private final Thread acceptor;

        HungServer(int port) throws IOException {
            server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress("localhost", port));
            acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket connection = server.accept();
                        synchronized (connections) {
                            connections.add(connection);
                        }
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "hung-smtp");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int accepted() {
            synchronized (connections) {
                return connections.size();
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
            synchronized (connections) {
                for (Socket connection : connections) {
                    connection.close();
                }
            }
        }
    }
}
