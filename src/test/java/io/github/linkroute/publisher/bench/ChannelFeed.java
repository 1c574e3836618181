package io.github.linkroute.publisher.bench;

import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

import io.smallrye.reactive.messaging.amqp.OutgoingAmqpMetadata;
import io.vertx.core.json.JsonObject;

/**
 * The channel's side of a connector's subscriber (the service's link or the stock connector): hands it
 * messages only as far as it asked for them, from the thread that asked (no polling loop whose CPU
 * would count against the client). Messages are shaped as the service's publisher shapes them.
 */
final class ChannelFeed implements Flow.Subscription {

    private final Flow.Subscriber<Message<?>> subscriber;
    private final boolean durable;
    private final AtomicLong demand = new AtomicLong();
    private final AtomicInteger wip = new AtomicInteger();
    private final Queue<Message<?>> queued = new ConcurrentLinkedQueue<>();
    private final AtomicInteger burstLeft = new AtomicInteger();
    private volatile Runnable burstAccepted = () -> {
    };
    private volatile Consumer<Throwable> failed = failure -> {
    };

    ChannelFeed(Flow.Subscriber<Message<?>> subscriber, boolean durable) {
        this.subscriber = subscriber;
        this.durable = durable;
    }

    void start() {
        subscriber.onSubscribe(this);
    }

    @Override
    public void request(long n) {
        demand.addAndGet(n);
        drain();
    }

    @Override
    public void cancel() {
        burstLeft.set(0);
    }

    /** {@code n} messages, generated as demand comes; {@code accepted} runs once per ACCEPTED. */
    void burst(int n, Runnable accepted, Consumer<Throwable> failure) {
        burstAccepted = accepted;
        failed = failure;
        burstLeft.set(n);
        drain();
    }

    /** One message, sent as soon as there is demand for it. */
    void send(Runnable accepted, Consumer<Throwable> failure) {
        queued.add(message(accepted, failure));
        drain();
    }

    /** One drainer at a time; a request from inside onNext only adds demand for the running loop. */
    private void drain() {
        if (wip.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        do {
            Message<?> next;
            while ((next = next()) != null) {
                subscriber.onNext(next);
            }
            missed = wip.addAndGet(-missed);
        } while (missed != 0);
    }

    private Message<?> next() {
        if (demand.get() <= 0) {
            return null;
        }
        Message<?> message = queued.poll();
        if (message == null) {
            if (burstLeft.get() <= 0) {
                return null;
            }
            burstLeft.decrementAndGet();
            message = message(burstAccepted, failed);
        }
        demand.decrementAndGet();
        return message;
    }

    private Message<?> message(Runnable accepted, Consumer<Throwable> failure) {
        String id = UUID.randomUUID().toString();
        OutgoingAmqpMetadata metadata = OutgoingAmqpMetadata.builder().withMessageId(id).withDurable(durable)
                .withApplicationProperties(new JsonObject(Map.of("_AMQ_DUPL_ID", id))).build();
        return Message.of(Bench.BODY, Metadata.of(metadata))
                .withAck(() -> {
                    accepted.run();
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(cause -> {
                    failure.accept(cause);
                    return CompletableFuture.completedFuture(null);
                });
    }
}
