package io.github.linkroute.publisher.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.qpid.protonj2.test.driver.ProtonTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.linkroute.publisher.config.PublisherConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.vertx.amqp.AmqpClient;
import io.vertx.amqp.AmqpClientOptions;
import io.vertx.core.Vertx;

/**
 * Edge 10: the connection keys mean what goes on the wire. {@code publisher.connection.idle-timeout} is
 * the idle-time-out in our OPEN (vertx-proton advertises twice its heartbeat), and one connect is one
 * TCP attempt, so the back-off the link announces is the time that really passes. Plain JUnit, no Quarkus.
 */
@Timeout(30)
class ClientOptionsOnTheWireTest {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void theIdleTimeoutKeyIsTheIdleTimeoutInOurOpen() throws Exception {
        try (ProtonTestServer peer = new ProtonTestServer()) {
            peer.expectSASLAnonymousConnect();
            peer.expectOpen().withIdleTimeOut(30_000).respond();
            peer.expectClose().respond();
            peer.start();
            AmqpClientOptions options = options(Map.of("publisher.url", "amqp://127.0.0.1:" + peer.getServerURI().getPort(),
                    "publisher.connection.idle-timeout", "30s"));
            AmqpClient client = AmqpClient.create(vertx, options);
            client.connect().compose(connection -> connection.close()).toCompletionStage().toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            peer.waitForScriptToComplete(5, TimeUnit.SECONDS);
        }
    }

    /** With the default 1 s reconnect delay, a hidden second TCP attempt would make a refused connect last a second. */
    @Test
    void aRefusedConnectFailsAtOnceWithoutAHiddenSecondAttempt() throws Exception {
        AmqpClientOptions options = options(Map.of("publisher.url", "amqp://127.0.0.1:" + unusedPort(),
                "publisher.connection.reconnect-initial-delay", "1s"));
        AmqpClient client = AmqpClient.create(vertx, options);
        long start = System.nanoTime();
        Throwable failure = client.connect().toCompletionStage().toCompletableFuture()
                .handle((connection, error) -> error).get(10, TimeUnit.SECONDS);
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(failure).isNotNull();
        assertThat(tookMs).as("one refused TCP attempt, in ms").isLessThan(500);
    }

    private static AmqpClientOptions options(Map<String, String> values) {
        Map<String, String> all = new HashMap<>(values);
        all.putIfAbsent("publisher.connection.container-id", "options-test");
        PublisherConfig config = new SmallRyeConfigBuilder().withMapping(PublisherConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(all, "test", 500)).build()
                .getConfigMapping(PublisherConfig.class);
        return new AmqpClientOptionsProducer(config).clientOptions();
    }

    private static int unusedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
