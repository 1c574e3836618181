package io.github.linkroute.publisher.bench;

import java.util.List;
import java.util.Map;

import io.github.linkroute.publisher.support.ArtemisResource;
import io.quarkus.test.junit.QuarkusTestProfile;

/** The service against the real broker, emitter paused until a phase needs it, 1,000 msgs/s when running. */
public class BenchProfile implements QuarkusTestProfile {

    static final String ADDRESS = "link1.bench";

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(ArtemisResource.class));
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("publisher.address", ADDRESS,
                "publisher.interval", "10ms",
                "publisher.burst", "10",
                "publisher.counters-log-interval", "1h",
                "quarkus.log.category.\"io.github.linkroute\".level", "WARN");
    }
}
