package io.github.linkroute.publisher.support;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Points the service at the test JVM's real Artemis broker, with the right credentials. */
public class ArtemisResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        ArtemisBroker broker = ArtemisBroker.shared();
        return Map.of(
                "publisher.url", broker.url(),
                "publisher.user", ArtemisBroker.USER,
                "publisher.password", ArtemisBroker.PASSWORD,
                "publisher.connection.reconnect-initial-delay", "200ms",
                "publisher.connection.reconnect-max-delay", "1s",
                "publisher.sender-retry-interval", "300ms",
                "publisher.rest.password", ScriptedRouter.TEST_PASSWORD);
    }

    @Override
    public void stop() {
        // the broker lives as long as the test JVM: starting Artemis costs seconds
    }
}
