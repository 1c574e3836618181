package io.github.linkroute.publisher.support;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Runs the service against the test JVM's real Artemis broker. Each test class extends it with a
 * nested profile of its own, giving what it changes in {@link #overrides()}.
 */
public abstract class ArtemisProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(ArtemisResource.class));
    }

    @Override
    public final Map<String, String> getConfigOverrides() {
        return overrides();
    }

    /** What a test class changes on top of the broker's settings. */
    protected abstract Map<String, String> overrides();
}
