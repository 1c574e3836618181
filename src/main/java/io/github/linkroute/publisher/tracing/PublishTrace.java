package io.github.linkroute.publisher.tracing;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import io.github.linkroute.publisher.link.DeliveryFailure;
import io.github.linkroute.publisher.link.DeliveryListener;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;

/**
 * One message's span, carried in its metadata: re-sends, link losses and re-attaches become events,
 * and its settlement ends it with the outcome (status ERROR for any outcome but accepted).
 */
public final class PublishTrace implements DeliveryListener {

    // messaging semantic conventions, as the stock AMQP connector's publish spans carry them
    static final AttributeKey<String> MESSAGING_SYSTEM = AttributeKey.stringKey("messaging.system");
    static final AttributeKey<String> MESSAGING_DESTINATION = AttributeKey.stringKey("messaging.destination.name");
    static final AttributeKey<String> MESSAGING_OPERATION = AttributeKey.stringKey("messaging.operation");
    static final AttributeKey<String> MESSAGING_MESSAGE_ID = AttributeKey.stringKey("messaging.message.id");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    // AMQP 1.0 has no namespace in the conventions: this project's, under messaging.amqp
    /** accepted, rejected, released, modified (both: came back too often), closed, not_taken or error. */
    public static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("messaging.amqp.delivery.outcome");
    /** The peer's error condition of a rejection, e.g. amqp:precondition-failed. */
    public static final AttributeKey<String> CONDITION = AttributeKey.stringKey("messaging.amqp.delivery.condition");
    /** On a re-send event: the transfer's number (2 for the first re-send). */
    public static final AttributeKey<Long> TRANSFER = AttributeKey.longKey("messaging.amqp.delivery.transfer");
    /** On link events: the condition the link was lost with. */
    public static final AttributeKey<String> LINK_CONDITION = AttributeKey.stringKey("messaging.amqp.link.condition");

    public static final String RESENT = "resent";
    public static final String LINK_LOST = "link lost";
    public static final String REATTACHED = "link re-attached";
    public static final String ACCEPTED = "accepted";
    public static final String NOT_TAKEN = "not_taken";

    private final Span span;
    private final Consumer<PublishTrace> ended;
    private final AtomicBoolean done = new AtomicBoolean();

    PublishTrace(Span span, Consumer<PublishTrace> ended) {
        this.span = span;
        this.ended = ended;
    }

    Span span() {
        return span;
    }

    @Override
    public void resent(int transfer) {
        span.addEvent(RESENT, Attributes.of(TRANSFER, (long) transfer));
    }

    void linkLost(String condition) {
        span.addEvent(LINK_LOST, Attributes.of(LINK_CONDITION, condition));
    }

    void reattached(String condition) {
        span.addEvent(REATTACHED, Attributes.of(LINK_CONDITION, condition));
    }

    /** The broker accepted the message. */
    public void accepted() {
        if (done.compareAndSet(false, true)) {
            span.setAttribute(OUTCOME, ACCEPTED);
            end();
        }
    }

    /** The message was nacked: rejected, given up, or never taken (spool, encoding). */
    public void failed(Throwable failure) {
        if (!done.compareAndSet(false, true)) {
            return;
        }
        if (failure instanceof DeliveryFailure delivery) {
            String outcome = delivery.outcome().name().toLowerCase(Locale.ROOT);
            span.setAttribute(OUTCOME, outcome);
            if (delivery.condition() != null) {
                span.setAttribute(CONDITION, delivery.condition().name());
            }
            span.setAttribute(ERROR_TYPE, delivery.condition() != null ? delivery.condition().name() : outcome);
        } else {
            span.setAttribute(OUTCOME, "error");
            span.setAttribute(ERROR_TYPE, failure.getClass().getName());
            span.recordException(failure);
        }
        span.setStatus(StatusCode.ERROR, String.valueOf(failure.getMessage()));
        end();
    }

    /** The channel had no room: the message was never taken (the caller hears 503 or holds off). */
    public void notTaken() {
        if (done.compareAndSet(false, true)) {
            span.setAttribute(OUTCOME, NOT_TAKEN);
            span.setAttribute(ERROR_TYPE, NOT_TAKEN);
            span.setStatus(StatusCode.ERROR, "the buffer is full");
            end();
        }
    }

    private void end() {
        ended.accept(this);
        span.end();
    }
}
