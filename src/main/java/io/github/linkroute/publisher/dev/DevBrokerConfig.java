package io.github.linkroute.publisher.dev;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The embedded broker that dev mode starts so that {@code ./mvnw quarkus:dev} needs nothing else. */
@ConfigMapping(prefix = "dev-broker")
public interface DevBrokerConfig {

    /** Start it; turn off when the service should talk to a real router in dev mode. */
    @WithDefault("true")
    boolean enabled();

    /** Loopback port of its AMQP acceptor (publisher.url points there by default). */
    @WithDefault("5672")
    int port();

    /** Where it keeps its journal. */
    @WithDefault("target/dev-broker")
    String dataDirectory();
}
