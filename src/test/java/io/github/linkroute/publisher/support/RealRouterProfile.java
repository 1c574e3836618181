package io.github.linkroute.publisher.support;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Runs the service through real routers ({@link RealRouterResource}) to the test JVM's Artemis broker.
 * Each test class extends it with a nested profile naming its topology and what it changes.
 */
public abstract class RealRouterProfile implements QuarkusTestProfile {

    private final RouterNetwork.Topology topology;

    protected RealRouterProfile(RouterNetwork.Topology topology) {
        this.topology = topology;
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(RealRouterResource.class, Map.of(
                RealRouterResource.TOPOLOGY, topology.name(),
                RealRouterResource.NAME, getClass().getEnclosingClass() != null
                        ? getClass().getEnclosingClass().getSimpleName() : getClass().getSimpleName())));
    }

    @Override
    public final Map<String, String> getConfigOverrides() {
        return overrides();
    }

    /** What a test class changes on top of the router settings. */
    protected abstract Map<String, String> overrides();
}
