package io.github.linkroute.publisher.messaging;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import io.github.linkroute.publisher.config.AmqpUrl;
import io.github.linkroute.publisher.config.PublisherConfig;
import io.smallrye.common.annotation.Identifier;
import io.vertx.amqp.AmqpClientOptions;
import io.vertx.core.net.JksOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.PfxOptions;

/** The connection's options (container id, timeouts, reconnect, SASL, TLS), wired by {@code client-options-name}. */
@ApplicationScoped
public class AmqpClientOptionsProducer {

    private final PublisherConfig config;

    AmqpClientOptionsProducer(PublisherConfig config) {
        this.config = config;
    }

    @Produces
    @Identifier(Channels.CLIENT_OPTIONS)
    AmqpClientOptions clientOptions() {
        PublisherConfig.Connection connection = config.connection();
        // the first router; the link moves along the list (mp.messaging.outgoing.publish.urls) on failures
        AmqpUrl url = AmqpUrl.parseAll(config.url()).get(0);
        AmqpClientOptions options = new AmqpClientOptions()
                .setHost(url.host())
                .setPort(url.port())
                .setContainerId(connection.containerId().orElseGet(AmqpClientOptionsProducer::hostName))
                .setConnectTimeout((int) connection.connectTimeout().toMillis())
                // vertx-proton sets proton-j's local idle timeout to twice this and proton-j advertises half
                // of its local value: the OPEN carries exactly this, a peer silent for twice this is dropped
                .setHeartbeat((int) connection.idleTimeout().toMillis())
                // one connect call is one TCP attempt: Vert.x's own retry (reconnect-attempts) would add a
                // hidden attempt and its interval to every back-off the link's supervisor announces
                .setReconnectAttempts(0);
        config.user().ifPresent(options::setUsername);
        config.password().ifPresent(options::setPassword);
        if (url.tls()) {
            options.setSsl(true);
            options.setHostnameVerificationAlgorithm(connection.verifyHost() ? "HTTPS" : "");
            connection.trustStore().ifPresent(path -> {
                String password = connection.trustStorePassword().orElse(null);
                if (path.endsWith(".jks")) {
                    options.setTrustOptions(new JksOptions().setPath(path).setPassword(password));
                } else {
                    options.setTrustOptions(new PfxOptions().setPath(path).setPassword(password));
                }
            });
            connection.trustPem().ifPresent(path -> options.setTrustOptions(new PemTrustOptions().addCertPath(path)));
        }
        return options;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "publisher-" + UUID.randomUUID();
        }
    }
}
