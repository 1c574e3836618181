package io.github.linkroute.publisher.link;

import java.util.concurrent.Flow;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.quarkus.logging.Log;
import io.vertx.core.Context;

/**
 * The channel side of the link: takes messages from the channel onto the link's context, encodes
 * them, and asks for as many as the buffer has room for; the emitter sees the rest as back-pressure.
 */
final class ChannelIntake implements Flow.Subscriber<Message<?>> {

    private final LinkScope scope;
    private final Context context;
    private final DeliveryTracker tracker;
    /** One hop to the event loop per batch of arrivals, not per message. */
    private final ContextHop<Message<?>> arrivals;
    private final int requestBatch;
    private Flow.Subscription subscription;
    private long requested;

    /** {@code taken} runs on the link's context after each batch of arrivals is in the tracker. */
    ChannelIntake(LinkScope scope, Context context, DeliveryTracker tracker, Runnable taken) {
        this.scope = scope;
        this.context = context;
        this.tracker = tracker;
        this.requestBatch = Math.max(1, scope.settings().bufferSize() / 4);
        this.arrivals = new ContextHop<>(context, this::take, () -> {
            tracker.endOfArrivals(); // the batch goes to the spool as one record
            taken.run();
        });
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        context.runOnContext(v -> {
            this.subscription = subscription;
            requestMore();
        });
    }

    @Override
    public void onNext(Message<?> message) {
        arrivals.add(message);
    }

    @Override
    public void onError(Throwable failure) {
        Log.errorf("%s channel failed upstream: %s", scope.prefix(), failure.toString());
    }

    @Override
    public void onComplete() {
        Log.debugf("%s channel completed", scope.prefix());
    }

    private void take(Message<?> message) {
        requested--;
        if (scope.stats().isStopping()) {
            scope.stats().failed(FailReason.SHUTDOWN, 1);
            message.nack(new DeliveryFailure(Outcome.CLOSED, null, "the publisher is shutting down"));
            return;
        }
        String gaveUp = scope.stats().gaveUp();
        if (gaveUp != null) {
            // asked for before the link gave up; nothing more is asked for after
            scope.stats().failed(FailReason.RECONNECT_DISABLED, 1);
            message.nack(new DeliveryFailure(Outcome.CLOSED, null, "not taken: " + gaveUp));
            return;
        }
        String id = AmqpMessages.messageId(message);
        org.apache.qpid.proton.message.Message amqp;
        byte[] bytes;
        try {
            amqp = AmqpMessages.toAmqp(message, id, scope.settings().durable());
            bytes = AmqpMessages.encode(amqp);
        } catch (RuntimeException unencodable) {
            // never drop silently: the sender learns why through the nack
            Log.warnf("%s message %s cannot be encoded, not sent: %s", scope.prefix(), id, unencodable.toString());
            scope.stats().failed(FailReason.UNENCODABLE, 1);
            message.nack(unencodable);
            return;
        }
        tracker.add(message, amqp, bytes, id);
    }

    /** Asks the channel for as many messages as the buffer has room for, in batches of a quarter of it. */
    void requestMore() {
        if (subscription == null || scope.stats().isStopping() || scope.stats().gaveUp() != null) {
            return;
        }
        long want = tracker.room() - requested;
        if (want > 0 && (requested == 0 || want >= requestBatch)) {
            requested += want;
            subscription.request(want);
        }
    }

    /** Stops taking messages (shutdown). */
    void cancel() {
        if (subscription != null) {
            subscription.cancel();
        }
    }
}
