package io.github.linkroute.publisher.bench;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Flow;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.github.linkroute.publisher.link.LinkRegistry;
import io.github.linkroute.publisher.link.LinkRoutedConnector;
import io.github.linkroute.publisher.messaging.Channels;
import io.github.linkroute.publisher.support.ArtemisBroker;
import io.github.linkroute.publisher.support.MapConfig;
import io.smallrye.reactive.messaging.amqp.AmqpConnector;

/**
 * The three clients, each on its own connection to the real broker: the service's connector (its
 * link, with the service's client options; no spool, as BenchProfile sets: the spool's cost is its own
 * figure), a plain vertx-proton sender, and the stock smallrye-amqp connector (named sender).
 */
final class BenchClients {

    static final List<String> NAMES = List.of("service", "plain", "stock");

    private BenchClients() {
    }

    static List<BenchClient> open(LinkRoutedConnector service, LinkRegistry links, AmqpConnector stock,
            ArtemisBroker broker, String tag, boolean durable) throws Exception {
        return List.of(service(service, links, broker, tag, durable), PlainClient.open(broker, BenchProfile.ADDRESS, durable),
                stock(stock, broker, tag, durable));
    }

    @SuppressWarnings("unchecked")
    static BenchClient service(LinkRoutedConnector connector, LinkRegistry links, ArtemisBroker broker, String tag,
            boolean durable) {
        String channel = "bench-service-" + tag;
        Map<String, String> keys = new HashMap<>(Map.of(
                "channel-name", channel,
                "connector", LinkRoutedConnector.NAME,
                "address", BenchProfile.ADDRESS,
                "client-options-name", Channels.CLIENT_OPTIONS,
                "urls", broker.url(),
                "durable", String.valueOf(durable)));
        Flow.Subscriber<Message<?>> subscriber = (Flow.Subscriber<Message<?>>) connector.getSubscriber(new MapConfig(keys));
        await().atMost(Duration.ofSeconds(30)).until(() -> links.link(channel).map(l -> l.status().canPublish()).orElse(false));
        return new ChannelClient("service", new ChannelFeed(subscriber, durable), subscriber::onComplete);
    }

    @SuppressWarnings("unchecked")
    static BenchClient stock(AmqpConnector connector, ArtemisBroker broker, String tag, boolean durable) {
        Flow.Subscriber<Message<?>> subscriber = (Flow.Subscriber<Message<?>>) connector.getSubscriber(new MapConfig(Map.ofEntries(
                Map.entry("channel-name", "bench-stock-" + tag),
                Map.entry("connector", "smallrye-amqp"),
                Map.entry("host", "127.0.0.1"),
                Map.entry("port", String.valueOf(broker.amqpPort())),
                Map.entry("username", ArtemisBroker.USER),
                Map.entry("password", ArtemisBroker.PASSWORD),
                Map.entry("address", BenchProfile.ADDRESS),
                Map.entry("use-anonymous-sender", "false"),
                Map.entry("durable", String.valueOf(durable)),
                Map.entry("container-id", "bench-stock-" + tag),
                // the service and plain clients trace nothing either: its tracing would also fail on our immutable
                // application properties (UnsupportedOperationException)
                Map.entry("tracing-enabled", "false"))));
        return new ChannelClient("stock", new ChannelFeed(subscriber, durable), subscriber::onComplete);
    }
}
