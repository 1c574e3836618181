package io.github.linkroute.publisher.bench;

import java.util.Map;

import io.github.linkroute.publisher.support.ArtemisProfile;

/**
 * The service against the real broker, emitter paused until a phase needs it, 1,000 msgs/s when running;
 * spool off: the clients are compared on the wire, the spool's cost is a figure of its own (SpoolBenchmark).
 */
public class BenchProfile extends ArtemisProfile {

    static final String ADDRESS = "link1.bench";

    @Override
    protected Map<String, String> overrides() {
        return Map.of("publisher.address", ADDRESS,
                "publisher.interval", "10ms",
                "publisher.burst", "10",
                "publisher.spool.enabled", "false",
                "publisher.counters-log-interval", "1h",
                "quarkus.log.category.\"io.github.linkroute\".level", "WARN");
    }
}
