package io.github.linkroute.publisher.bench;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import jakarta.inject.Inject;

import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.messaging.Accepted;
import org.apache.qpid.proton.amqp.messaging.AmqpValue;
import org.apache.qpid.proton.amqp.messaging.ApplicationProperties;
import org.apache.qpid.proton.amqp.messaging.Target;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.spi.Connector;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import io.github.linkroute.publisher.link.LinkRegistry;
import io.github.linkroute.publisher.messaging.MessagePublisher;
import io.github.linkroute.publisher.messaging.ScheduledPublisher;
import io.github.linkroute.publisher.support.ArtemisBroker;
import io.github.linkroute.publisher.support.Links;
import io.github.linkroute.publisher.support.MapConfig;
import io.quarkus.logging.Log;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.mutiny.Multi;
import io.smallrye.reactive.messaging.amqp.AmqpConnector;
import io.smallrye.reactive.messaging.amqp.OutgoingAmqpMetadata;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.proton.ProtonClient;
import io.vertx.proton.ProtonClientOptions;
import io.vertx.proton.ProtonConnection;
import io.vertx.proton.ProtonQoS;
import io.vertx.proton.ProtonSender;

/**
 * Throughput against a real Artemis on loopback, in one JVM and one run: 100,000 durable 100-byte
 * messages (message id and _AMQ_DUPL_ID on each) through the service's own path, through a plain
 * vertx-proton sender that sends as credit arrives, and through the stock smallrye-amqp connector;
 * 3 rounds each, median msgs/s and ratios. Not part of the tests: {@code ./mvnw -Pbench verify}.
 */
@QuarkusTest
@TestProfile(BenchProfile.class)
@Order(1)
class ThroughputBenchmark {

    static final int MESSAGES = Integer.getInteger("bench.messages", 100_000);
    static final int WARM_UP_MESSAGES = Integer.getInteger("bench.warmup-messages", 20_000);
    /** Messages per round: the warm-up round sends fewer. */
    private static int messages = MESSAGES;
    static final int ROUNDS = Integer.getInteger("bench.rounds", 3);
    static final String BODY = "x".repeat(100);

    @Inject
    MessagePublisher publisher;

    @Inject
    ScheduledPublisher emitter;

    @Inject
    LinkRegistry links;

    @Inject
    @Connector("smallrye-amqp")
    AmqpConnector stock;

    @Test
    void throughput() throws Exception {
        emitter.pause();
        Links.awaitPublishing(links);
        await().until(() -> emitter.accepted() == emitter.emitted());
        ArtemisBroker broker = ArtemisBroker.shared();

        // one unmeasured round of each first: JIT and broker warm-up, not what a long-running service sees
        int measured = messages;
        messages = WARM_UP_MESSAGES;
        serviceRound();
        plainRound(broker, 0);
        stockRound(broker, 0);
        messages = measured;
        inFlight.clear();
        waiting.clear();

        List<Double> service = new ArrayList<>();
        List<Double> plain = new ArrayList<>();
        List<Double> stockRates = new ArrayList<>();
        for (int round = 1; round <= ROUNDS; round++) {
            service.add(serviceRound());
            plain.add(plainRound(broker, round));
            stockRates.add(stockRound(broker, round));
            Log.warnf("bench round %d: service %.0f, plain %.0f, stock %.0f msgs/s", round, service.get(round - 1),
                    plain.get(round - 1), stockRates.get(round - 1));
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("messages", MESSAGES);
        result.put("warmUpMessagesPerClient", WARM_UP_MESSAGES);
        result.put("rounds", ROUNDS);
        result.put("serviceMsgsPerSec", service);
        result.put("plainVertxProtonMsgsPerSec", plain);
        result.put("stockConnectorMsgsPerSec", stockRates);
        double s = BenchResults.median(service);
        double p = BenchResults.median(plain);
        double k = BenchResults.median(stockRates);
        result.put("serviceMedian", Math.round(s));
        result.put("plainMedian", Math.round(p));
        result.put("stockMedian", Math.round(k));
        result.put("serviceVsPlain", Math.round(s / p * 100) / 100.0);
        result.put("serviceVsStock", Math.round(s / k * 100) / 100.0);
        result.put("serviceInFlightMedian", Math.round(BenchResults.median(inFlight)));
        result.put("serviceBufferedMedian", Math.round(BenchResults.median(waiting)));
        result.put("serviceInFlightMax", Math.round(inFlight.stream().mapToDouble(Double::doubleValue).max().orElse(0)));
        BenchResults.put("throughput", result);
    }

    /** The service's path: MessagePublisher -> channel -> connector -> link, back-pressure by "no room". */
    /** Deliveries in flight on the service's link, sampled every 5 ms while a round runs. */
    private final List<Double> inFlight = new ArrayList<>();
    /** Messages waiting in the service's buffer for credit, sampled with {@link #inFlight}. */
    private final List<Double> waiting = new ArrayList<>();

    private double serviceRound() {
        long acceptedBefore = Links.status(links).counters().accepted();
        long start = System.nanoTime();
        int sent = 0;
        while (sent < messages) {
            if (publisher.publish(BODY, Map.of()).isPresent()) {
                sent++;
            } else {
                LockSupport.parkNanos(100_000); // no room: back off without burning one of the two cores
            }
        }
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(5)).until(() -> {
            inFlight.add((double) Links.status(links).unsettled());
            waiting.add((double) Links.status(links).bufferDepth());
            return Links.status(links).counters().accepted() - acceptedBefore >= messages;
        });
        return messages / ((System.nanoTime() - start) / 1e9);
    }

    /** A plain vertx-proton sender: sends whenever credit is there, counts ACCEPTED. */
    private static double plainRound(ArtemisBroker broker, int round) throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            CompletableFuture<Long> done = new CompletableFuture<>();
            AtomicLong accepted = new AtomicLong();
            long[] start = new long[1];
            vertx.runOnContext(v -> ProtonClient.create(vertx).connect(new ProtonClientOptions(), "127.0.0.1",
                    broker.amqpPort(), io.github.linkroute.publisher.support.ArtemisBroker.USER, ArtemisBroker.PASSWORD, ar -> {
                        if (ar.failed()) {
                            done.completeExceptionally(ar.cause());
                            return;
                        }
                        ProtonConnection connection = ar.result().open();
                        ProtonSender sender = connection.createSender(BenchProfile.ADDRESS);
                        ((Target) sender.getTarget()).setCapabilities(Symbol.valueOf("queue"));
                        sender.setQoS(ProtonQoS.AT_LEAST_ONCE);
                        int[] sent = { 0 };
                        sender.sendQueueDrainHandler(s -> {
                            if (start[0] == 0) {
                                start[0] = System.nanoTime();
                            }
                            while (!s.sendQueueFull() && sent[0] < messages) {
                                sent[0]++;
                                s.send(message(), delivery -> {
                                    if (delivery.remotelySettled() && delivery.getRemoteState() instanceof Accepted
                                            && accepted.incrementAndGet() == messages) {
                                        done.complete(System.nanoTime());
                                        connection.close();
                                    }
                                });
                            }
                        });
                        sender.open();
                    }));
            long end = done.get(5, TimeUnit.MINUTES);
            return messages / ((end - start[0]) / 1e9);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    private static org.apache.qpid.proton.message.Message message() {
        org.apache.qpid.proton.message.Message m = org.apache.qpid.proton.message.Message.Factory.create();
        String id = UUID.randomUUID().toString();
        m.setMessageId(id);
        m.setDurable(true);
        m.setApplicationProperties(new ApplicationProperties(Map.of("_AMQ_DUPL_ID", id)));
        m.setBody(new AmqpValue(BODY));
        return m;
    }

    /** The stock connector's outgoing channel (named sender), fed as fast as it requests. */
    private double stockRound(ArtemisBroker broker, int round) throws Exception {
        CompletableFuture<Long> done = new CompletableFuture<>();
        AtomicLong acked = new AtomicLong();
        @SuppressWarnings("unchecked")
        Flow.Subscriber<Message<?>> subscriber = (Flow.Subscriber<Message<?>>) stock.getSubscriber(new MapConfig(Map.of(
                "channel-name", "bench-stock-" + round,
                "connector", "smallrye-amqp",
                "host", "127.0.0.1",
                "port", String.valueOf(broker.amqpPort()),
                "username", ArtemisBroker.USER,
                "password", ArtemisBroker.PASSWORD,
                "address", BenchProfile.ADDRESS,
                "use-anonymous-sender", "false",
                "durable", "true",
                "container-id", "bench-stock-" + round)));
        long start = System.nanoTime();
        Multi.createFrom().range(0, messages).map(i -> {
            String id = UUID.randomUUID().toString();
            return (Message<?>) Message.of(BODY, Metadata.of(OutgoingAmqpMetadata.builder().withMessageId(id)
                    .withDurable(true).withApplicationProperties(new JsonObject().put("_AMQ_DUPL_ID", id)).build()))
                    .withAck(() -> {
                        if (acked.incrementAndGet() == messages) {
                            done.complete(System.nanoTime());
                        }
                        return CompletableFuture.completedFuture(null);
                    });
        }).subscribe(subscriber);
        long end = done.get(5, TimeUnit.MINUTES);
        return messages / ((end - start) / 1e9);
    }
}
