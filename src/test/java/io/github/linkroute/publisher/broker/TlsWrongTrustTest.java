package io.github.linkroute.publisher.broker;

import static io.github.linkroute.publisher.support.Links.status;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.linkroute.publisher.link.LinkRegistry;
import io.github.linkroute.publisher.link.LinkState;
import io.github.linkroute.publisher.support.ArtemisBroker;
import io.github.linkroute.publisher.support.ArtemisResource;
import io.github.linkroute.publisher.support.LogCapture;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** Trusting the wrong certificate (PEM): a clear log line naming the TLS failure, readiness DOWN, liveness UP, no crash. */
@QuarkusTest
@TestProfile(TlsWrongTrustTest.Profile.class)
@Timeout(120)
class TlsWrongTrustTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(WrongTrust.class));
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            // repeated failures are logged once, then as a summary this often: short, so the capture sees one
            return Map.of("publisher.emitter-enabled", "false",
                    "mp.messaging.outgoing.publish.failure-summary-interval", "500ms");
        }
    }

    /** The TLS acceptor, but only an unrelated certificate trusted. */
    public static class WrongTrust extends ArtemisResource {
        @Override
        public Map<String, String> start() {
            ArtemisBroker broker = ArtemisBroker.shared();
            Map<String, String> config = new HashMap<>(super.start());
            config.put("publisher.url", broker.tlsUrl());
            config.put("publisher.connection.trust-pem", broker.wrongTrustPem().toString());
            return config;
        }
    }

    @Inject
    LinkRegistry links;

    @Test
    void wrongTrustIsNamedAndNotFatal() {
        try (LogCapture log = LogCapture.ofLink()) {
            await().atMost(Duration.ofSeconds(20)).until(() -> log.lines().stream()
                    .anyMatch(line -> line.contains("tls:handshake-failed") && line.contains("reconnect to ")));
            assertThat(log.records()).allSatisfy(record -> assertThat(record.getThrown()).isNull());
        }
        assertThat(status(links).state()).isEqualTo(LinkState.DISCONNECTED);
        given().get("/q/health/ready").then().statusCode(503).body("checks.data.lastCondition", hasItem("tls:handshake-failed"));
        given().get("/q/health/live").then().statusCode(200);
    }
}
