package io.github.linkroute.publisher.link;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.github.linkroute.publisher.spool.Spool;
import io.vertx.amqp.AmqpClientOptions;
import io.vertx.core.Vertx;

/** The link on its own for benchmarks outside this package: one started link, its channel side and its view. */
public final class BenchLinks {

    /** A started link: what to publish into, what to read, how to stop it. */
    public record Running(Flow.Subscriber<Message<?>> subscriber, LinkView view, OutgoingLink link) {
        public CompletionStage<Void> stop() {
            return link.stop();
        }
    }

    private BenchLinks() {
    }

    /** Starts a link with the given channel keys ({@code mp.messaging.outgoing.<channel>.*} without the prefix). */
    public static Running start(Vertx vertx, AmqpClientOptions options, Map<String, String> keys, Spool spool) {
        Map<String, String> values = new HashMap<>(keys);
        values.putIfAbsent("channel-name", "bench");
        OutgoingLink link = new OutgoingLink(vertx, options, LinkSettings.from(values), new LinkObserver() {
        }, spool, (message, accepted) -> {
        });
        link.start();
        return new Running(link.subscriber(), link.view(), link);
    }
}
