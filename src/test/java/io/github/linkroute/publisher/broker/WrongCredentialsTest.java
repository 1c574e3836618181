package io.github.linkroute.publisher.broker;

import static io.github.linkroute.publisher.support.Links.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.linkroute.publisher.link.LinkRegistry;
import io.github.linkroute.publisher.link.LinkState;
import io.github.linkroute.publisher.messaging.Channels;
import io.github.linkroute.publisher.support.ArtemisResource;
import io.github.linkroute.publisher.support.LogCapture;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Wrong credentials against a real broker that requires login: a log line naming
 * amqp:unauthorized-access and the next retry, retries with back-off (summarised, not a line each), no
 * stack trace, no crash.
 */
@QuarkusTest
@TestProfile(WrongCredentialsTest.Profile.class)
@Timeout(120)
class WrongCredentialsTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(WrongPassword.class));
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            // repeated failures are logged once, then as a summary this often: short, to see the retries
            return Map.of("publisher.emitter-enabled", "false",
                    "mp.messaging.outgoing.publish.failure-summary-interval", "500ms");
        }
    }

    /** The real broker, a wrong password. */
    public static class WrongPassword extends ArtemisResource {
        @Override
        public Map<String, String> start() {
            Map<String, String> config = new java.util.HashMap<>(super.start());
            config.put("publisher.password", "not-the-password");
            return config;
        }
    }

    @Inject
    LinkRegistry links;

    @Test
    void namesTheConditionAndKeepsRetryingWithBackOff() {
        try (LogCapture log = LogCapture.ofLink()) {
            await().atMost(Duration.ofSeconds(20)).until(() -> log.lines().stream()
                    .filter(line -> line.contains("amqp:unauthorized-access")).count() >= 2);
            assertThat(log.lines()).filteredOn(line -> line.contains("amqp:unauthorized-access"))
                    .allSatisfy(line -> assertThat(line).containsPattern("(connection failed at|still failing)")
                            .containsPattern("reconnect to 127.0.0.1:\\d+ in \\d+ ms"));
            assertThat(log.records()).allSatisfy(record -> assertThat(record.getThrown()).isNull());
        }
        assertThat(status(links).state()).isEqualTo(LinkState.DISCONNECTED);
        assertThat(status(links).lastCondition()).isEqualTo("amqp:unauthorized-access");
        assertThat(links.link(Channels.PUBLISH).orElseThrow().canRecover()).isTrue();
    }
}
