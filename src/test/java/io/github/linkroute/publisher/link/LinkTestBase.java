package io.github.linkroute.publisher.link;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.qpid.protonj2.test.driver.ProtonTestServer;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import io.github.linkroute.publisher.messaging.Channels;
import io.github.linkroute.publisher.messaging.MessagePublisher.Published;
import io.github.linkroute.publisher.spool.Spool;
import io.github.linkroute.publisher.spool.SpoolReceipt;
import io.github.linkroute.publisher.support.Links;
import io.github.linkroute.publisher.support.RouterScript;
import io.smallrye.reactive.messaging.amqp.OutgoingAmqpMetadata;
import io.vertx.amqp.AmqpClientOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * Runs one link against a scripted router without Quarkus: a plain Vert.x, the link, a
 * ProtonTestServer scripted up to the first credited attach. Same settings as the Quarkus
 * scripted-router profile; a test class changes them by overriding {@link #settings}.
 */
abstract class LinkTestBase {

    static final long RETRY_MS = 400;
    static final int INITIAL_CREDIT = 100;
    static final String CONTAINER_ID = "scripted-test";

    protected ProtonTestServer peer;
    protected LinkRegistry links;
    protected TestPublisher publisher;
    protected OutgoingLink link;
    protected final List<RouterScript.AttachSeen> initialAttaches = new CopyOnWriteArrayList<>();
    /** What the link told its observer, as "event:condition". */
    protected final List<String> observed = new CopyOnWriteArrayList<>();
    private Vertx vertx;

    /** Channel keys of this test on top of the defaults ({@code mp.messaging.outgoing.publish.*} without the prefix). */
    protected Map<String, String> settings() {
        return Map.of();
    }

    /** Where the link keeps what it holds; by default no spool (memory only). */
    protected Spool spool() {
        return Spool.none();
    }

    /** Scripts what the peer does before the link connects; by default connect and a credited attach. */
    protected void scriptStart() {
        RouterScript.connectAndAttach(peer, INITIAL_CREDIT, initialAttaches);
    }

    @BeforeEach
    void startLink() {
        peer = new ProtonTestServer();
        scriptStart();
        peer.start();
        vertx = Vertx.vertx();
        Map<String, String> values = new HashMap<>();
        values.put("channel-name", Channels.PUBLISH);
        values.put("address", RouterScript.ADDRESS);
        values.put("sender-retry-interval", RETRY_MS + "ms");
        values.put("reconnect-initial-delay", "200ms");
        values.put("drain-timeout", "1s");
        values.put("redelivery-delay", "50ms");
        values.putAll(settings());
        AmqpClientOptions options = new AmqpClientOptions().setHost("127.0.0.1")
                .setPort(peer.getServerURI().getPort()).setContainerId(CONTAINER_ID);
        link = new OutgoingLink(vertx, options, LinkSettings.from(values), new LinkObserver() {
            @Override
            public void linkLost(String channel, String condition) {
                observed.add("linkLost:" + condition);
            }

            @Override
            public void attachRefused(String channel, String condition) {
                observed.add("attachRefused:" + condition);
            }

            @Override
            public void reattached(String channel, String condition) {
                observed.add("reattached:" + condition);
            }

            @Override
            public void reconnected(String channel, String condition) {
                observed.add("reconnected:" + condition);
            }
        }, spool(), (message, accepted) -> observed.add("recoveredSettled:" + message.sequence() + ":" + accepted));
        links = new LinkRegistry();
        links.register(link);
        publisher = new TestPublisher();
        publisher.subscribe(link.subscriber());
        link.start();
    }

    @AfterEach
    void stopLink() throws Exception {
        try {
            link.stop().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            peer.close();
        }
    }

    /** Waits for the start-up script (connect, attach, credit) to be played and the link to publish. */
    protected void awaitAttached() throws Exception {
        peer.waitForScriptToComplete(10, TimeUnit.SECONDS);
        Links.awaitPublishing(links);
    }

    /** Publishes one message with a {@code sequence}; fails when the buffer has no room. */
    protected Published publish(long sequence) {
        return publisher.publish("message " + sequence, Map.of(Channels.SEQUENCE_PROPERTY, sequence)).orElseThrow();
    }

    protected LinkStatus linkStatus() {
        return link.view().status();
    }

    /** Plays the channel: messages shaped as {@code MessagePublisher} shapes them, only as many as requested. */
    static final class TestPublisher implements Flow.Subscription {

        private final AtomicLong requested = new AtomicLong();
        private Flow.Subscriber<Message<?>> subscriber;

        void subscribe(Flow.Subscriber<Message<?>> subscriber) {
            this.subscriber = subscriber;
            subscriber.onSubscribe(this);
        }

        @Override
        public void request(long n) {
            requested.addAndGet(n);
        }

        @Override
        public void cancel() {
        }

        /** Whether the link asked for more than it was given. */
        boolean hasRoom() {
            return requested.get() > 0;
        }

        Optional<Published> publish(String body, Map<String, Object> properties) {
            return publish(body, properties, UUID.randomUUID().toString());
        }

        /** As {@link #publish(String, Map)}, any payload, with a given message id. */
        Optional<Published> publish(Object body, Map<String, Object> properties, String id) {
            if (requested.getAndUpdate(n -> n > 0 ? n - 1 : 0) <= 0) {
                return Optional.empty();
            }
            CompletableFuture<Void> outcome = new CompletableFuture<>();
            SpoolReceipt receipt = new SpoolReceipt();
            OutgoingAmqpMetadata metadata = OutgoingAmqpMetadata.builder().withMessageId(id).withDurable(true)
                    .withApplicationProperties(new JsonObject(new HashMap<>(properties))).build();
            Message<Object> message = Message.of(body, Metadata.of(metadata, receipt))
                    .withAck(() -> {
                        outcome.complete(null);
                        return CompletableFuture.completedFuture(null);
                    })
                    .withNack(failure -> {
                        outcome.completeExceptionally(failure);
                        return CompletableFuture.completedFuture(null);
                    });
            subscriber.onNext(message);
            return Optional.of(new Published(id, outcome, receipt.stored()));
        }
    }
}
