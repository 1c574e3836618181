package io.github.linkroute.publisher.link;

import static io.github.linkroute.publisher.support.Links.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.linkroute.publisher.support.LogCapture;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** Nothing listening at the URL: the failure is named once, retried with jittered back-off (summaries count the retries), and the service stays up. */
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
                    "publisher.connection.reconnect-max-delay", "400ms",
                    // repeated failures are logged once, then as a summary this often: short, to see the retries
                    "mp.messaging.outgoing.publish.failure-summary-interval", "500ms");
        }
    }

    @Inject
    LinkRegistry links;

    @Test
    void connectionRefusedIsNamedAndRetriedWithBackOff() {
        try (LogCapture log = LogCapture.ofLink()) {
            await().atMost(Duration.ofSeconds(20)).until(() -> log.lines().stream()
                    .filter(line -> line.contains("still failing: io:connection-refused")).count() >= 2);
            List<String> lines = log.lines().stream().filter(line -> line.contains("io:connection-refused")).toList();
            // the first line (at start-up, before this capture) names the condition; the rest are summaries
            assertThat(lines).filteredOn(line -> !line.contains("still failing")).as("not a line per attempt")
                    .hasSizeLessThanOrEqualTo(1);
            assertThat(lines).allSatisfy(line -> assertThat(line).containsPattern("reconnect to 127.0.0.1:\\d+ in \\d+ ms"))
                    .extracting(line -> line.replaceAll(".*reconnect to [^ ]+ in (\\d+) ms.*", "$1"))
                    .map(Long::valueOf)
                    .allSatisfy(delay -> assertThat(delay).isLessThanOrEqualTo(400L));
            assertThat(lines).filteredOn(line -> line.contains("still failing"))
                    .extracting(line -> Long.valueOf(line.replaceAll(".*, (\\d+) failed connects.*", "$1")))
                    .as("the summaries count the retries").isSorted().allSatisfy(n -> assertThat(n).isGreaterThan(1));
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
