package io.github.linkroute.publisher.dev;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;

import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * An embedded Artemis with an AMQP acceptor on loopback, in dev mode only: the bean is removed from
 * other builds, and its libraries are optional dependencies left out of the packaged application.
 */
@ApplicationScoped
@IfBuildProfile("dev")
public class DevBroker {

    private final DevBrokerConfig config;
    private EmbeddedActiveMQ server;

    DevBroker(DevBrokerConfig config) {
        this.config = config;
    }

    void start(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) throws Exception {
        if (!config.enabled()) {
            return;
        }
        String dir = config.dataDirectory();
        Configuration configuration = new ConfigurationImpl()
                .setName("dev-broker")
                .setPersistenceEnabled(true)
                .setSecurityEnabled(false)
                .setJournalDirectory(dir + "/journal")
                .setBindingsDirectory(dir + "/bindings")
                .setLargeMessagesDirectory(dir + "/large-messages")
                .setPagingDirectory(dir + "/paging")
                .addAcceptorConfiguration("amqp", "tcp://127.0.0.1:" + config.port()
                        + "?protocols=AMQP;amqpDuplicateDetection=true")
                .addAddressSetting("#", new AddressSettings()
                        .setDefaultAddressRoutingType(RoutingType.ANYCAST)
                        .setDefaultQueueRoutingType(RoutingType.ANYCAST));
        server = new EmbeddedActiveMQ().setConfiguration(configuration);
        server.start();
        Log.infof("dev-broker: embedded Artemis listening for AMQP on 127.0.0.1:%d (data in %s)", config.port(), dir);
    }

    void stop(@Observes ShutdownEvent event) throws Exception {
        if (server != null) {
            server.stop();
        }
    }
}
