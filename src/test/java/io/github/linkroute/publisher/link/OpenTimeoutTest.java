package io.github.linkroute.publisher.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.qpid.protonj2.test.driver.ProtonTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.linkroute.publisher.messaging.Channels;
import io.github.linkroute.publisher.support.LogCapture;
import io.github.linkroute.publisher.support.RouterScript;
import io.vertx.amqp.AmqpClientOptions;
import io.vertx.core.Vertx;

/**
 * Edge 2: a peer that accepts TCP and never answers SASL (a bare socket) or OPEN (a scripted peer)
 * does not leave the link waiting forever: after the open timeout the condition {@code io:open-timeout}
 * is named in one log line with the next retry, retried with back-off, shown as the last error; the
 * socket given up on is closed later (read-idle bound). Runs without Quarkus.
 */
@Timeout(30)
class OpenTimeoutTest {

    private final Vertx vertx = Vertx.vertx();
    private OutgoingLink link;

    @AfterEach
    void stop() throws Exception {
        try {
            if (link != null) {
                link.stop().toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void saslNeverAnsweredIsAnOpenTimeoutRetriedWithBackOff() throws Exception {
        List<Socket> accepted = new CopyOnWriteArrayList<>();
        AtomicBoolean firstClosedByClient = new AtomicBoolean();
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                LogCapture log = LogCapture.ofLink()) {
            Thread acceptor = new Thread(() -> acceptAndReadForever(silent, accepted, firstClosedByClient), "silent-peer");
            acceptor.setDaemon(true);
            acceptor.start();
            // heartbeat 200 ms: a stray socket is closed open-timeout + 400 ms after its connect
            link = start(silent.getLocalPort(), new AmqpClientOptions().setHeartbeat(200));

            await().atMost(Duration.ofSeconds(10)).until(() -> openTimeoutLines(log).size() >= 3);
            assertThat(openTimeoutLines(log).get(0)).containsPattern(
                    "connection failed at 127.0.0.1:\\d+: io:open-timeout \\(no answer to SASL or OPEN within 300 ms\\); reconnect to 127.0.0.1:\\d+ in \\d+ ms");
            assertThat(openTimeoutLines(log).subList(1, openTimeoutLines(log).size())).as("then summaries, not a line per attempt")
                    .allSatisfy(line -> assertThat(line).containsPattern("still failing: io:open-timeout .*, \\d+ failed connects since"));
            assertThat(accepted).hasSizeGreaterThanOrEqualTo(3);
            assertThat(log.records()).allSatisfy(record -> assertThat(record.getThrown()).isNull());
            LinkStatus status = link.view().status();
            assertThat(status.state()).isEqualTo(LinkState.DISCONNECTED);
            assertThat(status.lastCondition()).isEqualTo(Condition.OPEN_TIMEOUT);
            assertThat(link.view().canRecover()).isTrue();
            await().atMost(Duration.ofSeconds(5)).untilTrue(firstClosedByClient);
        } finally {
            for (Socket socket : accepted) {
                socket.close();
            }
        }
    }

    @Test
    void openNeverAnsweredIsAnOpenTimeout() throws Exception {
        try (ProtonTestServer peer = new ProtonTestServer(); LogCapture log = LogCapture.ofLink()) {
            peer.expectSASLAnonymousConnect();
            peer.expectOpen();
            peer.start();
            link = start(peer.getServerURI().getPort(), new AmqpClientOptions());

            peer.waitForScriptToComplete(10, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(10)).until(() -> !openTimeoutLines(log).isEmpty());
            // the log line, not the status: the reconnect 100 ms later meets a peer whose script is over and
            // fails for another reason, which then is the last condition
            assertThat(openTimeoutLines(log).get(0)).contains("io:open-timeout (no answer to SASL or OPEN within 300 ms)");
        }
    }

    private OutgoingLink start(int port, AmqpClientOptions options) {
        Map<String, String> values = new HashMap<>();
        values.put("channel-name", Channels.PUBLISH);
        values.put("address", RouterScript.ADDRESS);
        values.put("open-timeout", "300ms");
        values.put("reconnect-initial-delay", "100ms");
        values.put("reconnect-max-delay", "200ms");
        // repeated failures are logged once, then as a summary this often: short, to see the retries
        values.put("failure-summary-interval", "300ms");
        values.put("drain-timeout", "200ms");
        options.setHost("127.0.0.1").setPort(port).setContainerId("open-timeout-test");
        OutgoingLink started = new OutgoingLink(vertx, options, LinkSettings.from(values), new LinkObserver() {
        });
        started.start();
        return started;
    }

    private static List<String> openTimeoutLines(LogCapture log) {
        return log.lines().stream().filter(line -> line.contains(Condition.OPEN_TIMEOUT)).toList();
    }

    private static void acceptAndReadForever(ServerSocket server, List<Socket> accepted, AtomicBoolean firstClosed) {
        try {
            while (!server.isClosed()) {
                Socket socket = server.accept();
                boolean first = accepted.isEmpty();
                accepted.add(socket);
                Thread reader = new Thread(() -> {
                    try (InputStream in = socket.getInputStream()) {
                        while (in.read() >= 0) {
                            // read what the client says (the SASL header) and never answer
                        }
                        if (first) {
                            firstClosed.set(true);
                        }
                    } catch (IOException e) {
                        // closed by the test
                    }
                }, "silent-peer-reader");
                reader.setDaemon(true);
                reader.start();
            }
        } catch (IOException e) {
            // the server socket was closed: the test is over
        }
    }
}
