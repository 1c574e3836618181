package io.github.linkroute.publisher.support;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Runs the service against its own {@link ScriptedRouter}. Each test class extends it with a
 * nested profile of its own, so that Quarkus restarts and every class gets a fresh peer and link.
 */
public abstract class ScriptedRouterProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(ScriptedRouter.class));
    }

    @Override
    public final Map<String, String> getConfigOverrides() {
        Map<String, String> config = new java.util.HashMap<>();
        config.put("publisher.sender-retry-interval", ScriptedRouter.RETRY_MS + "ms");
        config.putAll(overrides());
        return config;
    }

    /** What a test class changes on top of the scripted-router settings. */
    protected Map<String, String> overrides() {
        return Map.of();
    }
}
