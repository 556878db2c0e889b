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
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A mail server that accepts the connection and never answers: the send gives up after its timeout (the tests'
 * SMTP settings: 2 s), the job fails and will be retried, its follow-up is FAILED, and the rest of the app keeps
 * answering meanwhile. Liveness, not speed: the bound of the wait only says it does not hang.
 */
@OnH2
class HungSmtpOnH2Test {

    /** Where the tests' SMTP settings point (application-test.yaml); GreenMail runs there only in other tests. */
    private static final int SMTP_PORT = 3025;

    @LocalServerPort
    int port;
    @Autowired
    DealService deals;
    @Autowired
    ManagementService management;

    @Test
    void aHungMailServerFailsTheSendAfterItsTimeoutAndHoldsNothingElse() throws Exception {
        Deal deal = deals.get(deals.open(TestDeals.opening("sam")));
        Job confirmation = management.createJobQuery().processInstanceId(deal.getProcessInstanceId())
                .activityId("SendMeetingConfirmation").singleResult();

        try (HungServer hung = new HungServer(SMTP_PORT)) {
            CompletableFuture<Throwable> send = CompletableFuture.supplyAsync(() -> {
                try {
                    management.executeJob(confirmation.getId());
                    return null;
                } catch (RuntimeException e) {
                    return e;
                }
            });
            // while the send waits on the silent server, deals still open
            Api.Response opened = new Api(port).post("/api/deals", TestDeals.requestJson("sam"), "sam");
            assertThat(opened.status()).as(opened.body()).isEqualTo(201);

            Throwable failure = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> send.get());
            assertThat(failure).as("the send must fail, not succeed or hang").isNotNull();
            assertThat(hung.accepted()).isPositive();
        }
        assertThat(management.createJobQuery().jobId(confirmation.getId()).singleResult().getRetries()).isEqualTo(2);
        assertThat(deals.view(deal.getId()).followUps()).singleElement().satisfies(followUp -> {
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
