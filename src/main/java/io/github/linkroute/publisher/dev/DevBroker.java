package io.github.linkroute.publisher.dev;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;

import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;

import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

/**
 * An embedded Artemis with an AMQP acceptor on loopback, in dev mode only: the bean is removed from
 * other builds, and its libraries are optional dependencies left out of the packaged application.
 * A singleton, so that it stops after the application-scoped beans: the link drains against a live
 * broker on shutdown and live reload instead of losing its connection first.
 */
@Singleton
@IfBuildProfile("dev")
public class DevBroker {

    static final String DEAD_LETTERS = "DLQ";
    static final String EXPIRED = "ExpiryQueue";

    private final DevBrokerConfig config;
    private EmbeddedActiveMQ server;

    DevBroker(DevBrokerConfig config) {
        this.config = config;
    }

    void start(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) throws Exception {
        if (!config.enabled()) {
            return;
        }
        ensurePortFree(config.port());
        String dir = config.dataDirectory();
        server = new EmbeddedActiveMQ().setConfiguration(configuration(config.port(), dir));
        server.start();
        Log.infof("dev-broker: embedded Artemis listening for AMQP on 127.0.0.1:%d (data in %s)", config.port(), dir);
    }

    /**
     * Settings as in the stock broker.xml: without a dead-letter and an expiry address Artemis warns
     * (AMQ222165, AMQ222166) for every queue it creates or loads, i.e. on every start and live reload.
     */
    static Configuration configuration(int port, String dir) throws Exception {
        return new ConfigurationImpl()
                .setName("dev-broker")
                .setPersistenceEnabled(true)
                .setSecurityEnabled(false)
                .setJournalDirectory(dir + "/journal")
                .setBindingsDirectory(dir + "/bindings")
                .setLargeMessagesDirectory(dir + "/large-messages")
                .setPagingDirectory(dir + "/paging")
                .addAcceptorConfiguration("amqp", "tcp://127.0.0.1:" + port
                        + "?protocols=AMQP;amqpDuplicateDetection=true")
                .addQueueConfiguration(QueueConfiguration.of(DEAD_LETTERS).setRoutingType(RoutingType.ANYCAST))
                .addQueueConfiguration(QueueConfiguration.of(EXPIRED).setRoutingType(RoutingType.ANYCAST))
                .addAddressSetting("#", new AddressSettings()
                        .setDefaultAddressRoutingType(RoutingType.ANYCAST)
                        .setDefaultQueueRoutingType(RoutingType.ANYCAST)
                        .setDeadLetterAddress(SimpleString.of(DEAD_LETTERS))
                        .setExpiryAddress(SimpleString.of(EXPIRED)));
    }

    /**
     * Artemis logs a bind failure and goes on, and the service would then talk to whatever holds the port:
     * refuse to start instead, naming the port and the key to change.
     */
    static void ensurePortFree(int port) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException taken) {
            throw new IllegalStateException("dev-broker: port " + port + " on 127.0.0.1 is taken (another broker or "
                    + "router?); set dev-broker.port (DEV_BROKER_PORT) to a free port, or dev-broker.enabled=false "
                    + "(DEV_BROKER_ENABLED) to use what listens there");
        }
    }

    @PreDestroy
    void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
    }
}
