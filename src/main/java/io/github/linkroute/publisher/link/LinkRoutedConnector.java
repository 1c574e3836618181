package io.github.linkroute.publisher.link;

import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.spi.Connector;

import io.github.linkroute.publisher.spool.LocalSpool;
import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.connector.OutboundConnector;
import io.vertx.amqp.AmqpClientOptions;
import io.vertx.core.Vertx;

/**
 * An outgoing AMQP connector whose sender link survives a lost link route: see {@link OutgoingLink}.
 * The application sees a plain channel configured under {@code mp.messaging.outgoing.<channel>.*}.
 */
@ApplicationScoped
@Connector(LinkRoutedConnector.NAME)
public class LinkRoutedConnector implements OutboundConnector {

    public static final String NAME = "amqp-link-routed";

    private final Vertx vertx;
    private final Instance<AmqpClientOptions> clientOptions;
    private final LinkRegistry registry;
    private final LinkObserver observers;
    private final LocalSpool spool;

    LinkRoutedConnector(Vertx vertx, @Any Instance<AmqpClientOptions> clientOptions, LinkRegistry registry,
            Instance<LinkObserver> observers, LocalSpool spool) {
        this.spool = spool;
        this.vertx = vertx;
        this.clientOptions = clientOptions;
        this.registry = registry;
        this.observers = new LinkObservers(observers.stream().toList());
    }

    @Override
    public Flow.Subscriber<? extends Message<?>> getSubscriber(Config config) {
        LinkSettings settings = LinkSettings.from(config);
        OutgoingLink link = new OutgoingLink(vertx, clientOptions(settings, config), settings, observers, spool.spool(),
                spool::recoveredSettled);
        registry.register(link);
        link.start();
        return link.subscriber();
    }

    @PreDestroy
    void stop() {
        for (OutgoingLink link : registry.outgoing()) {
            try {
                link.stop().toCompletableFuture().get(link.settings().drainTimeout().toMillis() * 2 + 5000,
                        TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                Log.warnf("amqp-link[%s] did not stop cleanly: %s", link.channel(), e.toString());
            }
        }
        spool.close();
    }

    /** A copy of the named options bean (it may be shared), or options from the channel's own keys. */
    private AmqpClientOptions clientOptions(LinkSettings settings, Config config) {
        AmqpClientOptions options;
        if (settings.clientOptionsName().isPresent()) {
            String name = settings.clientOptionsName().get();
            Instance<AmqpClientOptions> named = clientOptions.select(Identifier.Literal.of(name));
            if (!named.isResolvable()) {
                throw new IllegalStateException("mp.messaging.outgoing." + settings.channel()
                        + ".client-options-name names no AmqpClientOptions bean @Identifier(\"" + name + "\")");
            }
            options = new AmqpClientOptions(named.get());
        } else {
            options = new AmqpClientOptions();
        }
        config.getOptionalValue("host", String.class).ifPresent(options::setHost);
        config.getOptionalValue("port", Integer.class).ifPresent(options::setPort);
        config.getOptionalValue("username", String.class).ifPresent(options::setUsername);
        config.getOptionalValue("password", String.class).ifPresent(options::setPassword);
        return options;
    }
}
