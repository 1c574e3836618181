package io.github.linkroute.publisher.link;

import static io.github.linkroute.publisher.support.Links.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.linkroute.publisher.support.LogCapture;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** Nothing listening at the URL: the failure is named, retried with growing delays, and the service stays up. */
@QuarkusTest
@TestProfile(NothingListeningTest.Profile.class)
@Timeout(60)
class NothingListeningTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("publisher.url", "amqp://127.0.0.1:" + unusedPort(),
                    "publisher.emitter-enabled", "false",
                    "publisher.connection.reconnect-initial-delay", "100ms",
                    "publisher.connection.reconnect-max-delay", "400ms");
        }
    }

    @Inject
    LinkRegistry links;

    @Test
    void connectionRefusedIsNamedAndRetriedWithBackOff() {
        try (LogCapture log = LogCapture.ofLink()) {
            await().atMost(Duration.ofSeconds(20)).until(() -> log.lines().stream()
                    .filter(line -> line.contains("io:connection-refused")).count() >= 3);
            assertThat(log.lines()).filteredOn(line -> line.contains("io:connection-refused"))
                    .allSatisfy(line -> assertThat(line).containsPattern("reconnect in \\d+ ms"))
                    .extracting(line -> line.replaceAll(".*reconnect in (\\d+) ms.*", "$1"))
                    .map(Long::valueOf)
                    .isSorted()
                    .allSatisfy(delay -> assertThat(delay).isLessThanOrEqualTo(400L));
            assertThat(log.records()).allSatisfy(record -> assertThat(record.getThrown()).isNull());
        }
        assertThat(status(links).state()).isEqualTo(LinkState.DISCONNECTED);
        assertThat(status(links).lastCondition()).isEqualTo("io:connection-refused");
    }

    private static int unusedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
