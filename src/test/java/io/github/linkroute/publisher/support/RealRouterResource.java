package io.github.linkroute.publisher.support;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Real routers in front of the test JVM's Artemis broker, started before the service and stopped after
 * its test class. The service connects ANONYMOUS to the client-side router, as the demo's sender does.
 */
public class RealRouterResource implements QuarkusTestResourceLifecycleManager {

    /** The service's AMQP container id, to find its connection in the router's log. */
    public static final String CONTAINER_ID = "publisher-under-test";
    static final String TOPOLOGY = "topology";
    static final String NAME = "name";

    private RouterNetwork network;

    @Override
    public void init(Map<String, String> args) {
        network = RouterNetwork.of(RouterNetwork.Topology.valueOf(args.get(TOPOLOGY)), ArtemisBroker.shared(),
                args.get(NAME));
    }

    @Override
    public Map<String, String> start() {
        network.start();
        Map<String, String> config = new HashMap<>();
        config.put("publisher.url", network.url());
        config.put("publisher.connection.reconnect-initial-delay", "200ms");
        config.put("publisher.connection.reconnect-max-delay", "1s");
        config.put("publisher.sender-retry-interval", "500ms");
        config.put("publisher.connection.container-id", CONTAINER_ID);
        config.put("publisher.rest.password", ScriptedRouter.TEST_PASSWORD);
        return config;
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(network, new TestInjector.AnnotatedAndMatchesType(Routers.class, RouterNetwork.class));
    }

    @Override
    public void stop() {
        if (network != null) {
            network.stop();
        }
    }
}
