package io.github.linkroute.publisher.broker;

import static io.github.linkroute.publisher.support.Links.awaitPublishing;
import static io.github.linkroute.publisher.support.Links.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.linkroute.publisher.link.LinkRegistry;
import io.github.linkroute.publisher.support.ArtemisBroker;
import io.github.linkroute.publisher.support.ArtemisResource;
import io.github.linkroute.publisher.support.QueueReader;
import io.github.linkroute.publisher.support.Rest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** TLS with a trust store: the service connects to the real broker's TLS acceptor (certificate made by the test) and publishes. */
@QuarkusTest
@TestProfile(TlsTest.Profile.class)
@Timeout(120)
class TlsTest {

    static final String ADDRESS = "link1.tls-test";

    public static class Profile implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(OverTls.class));
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("publisher.emitter-enabled", "false", "publisher.address", ADDRESS);
        }
    }

    /** The real broker's amqps:// acceptor, trusted through a PKCS12 trust store. */
    public static class OverTls extends ArtemisResource {
        @Override
        public Map<String, String> start() {
            ArtemisBroker broker = ArtemisBroker.shared();
            Map<String, String> config = new HashMap<>(super.start());
            config.put("publisher.url", broker.tlsUrl());
            config.put("publisher.connection.trust-store", broker.trustStore().toString());
            config.put("publisher.connection.trust-store-password", ArtemisBroker.STORE_PASSWORD);
            return config;
        }
    }

    @Inject
    LinkRegistry links;

    @Test
    void publishesOverTls() throws Exception {
        awaitPublishing(links);
        Rest.authorized().contentType("application/json").body("{\"body\": \"over TLS\", \"count\": 2}")
                .post("/messages").then().statusCode(200).body("outcome", equalTo("ACCEPTED"));
        assertThat(QueueReader.readBodies(ArtemisBroker.shared(), ADDRESS, 2)).containsExactly("over TLS", "over TLS");
        assertThat(status(links).lastCondition()).isNull();
    }
}
