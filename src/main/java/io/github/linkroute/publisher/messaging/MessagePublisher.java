package io.github.linkroute.publisher.messaging;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import io.github.linkroute.publisher.link.LinkRegistry;
import io.github.linkroute.publisher.link.LinkView;
import io.github.linkroute.publisher.spool.SpoolReceipt;
import io.github.linkroute.publisher.tracing.PublishTrace;
import io.github.linkroute.publisher.tracing.PublishTracing;
import io.smallrye.reactive.messaging.amqp.OutgoingAmqpMetadata;
import io.vertx.core.json.JsonObject;

/**
 * The one way into the outgoing channel, shared by the scheduled emitter and the REST trigger.
 * The emitter keeps no buffer of its own (THROW_EXCEPTION): the connector's bounded backlog is the
 * only buffer, so "no room" is known at once and nothing is dropped silently.
 */
@ApplicationScoped
public class MessagePublisher {

    private final Emitter<String> emitter;
    private final LinkRegistry links;
    private final PublishTracing tracing;

    MessagePublisher(@Channel(Channels.PUBLISH) @OnOverflow(OnOverflow.Strategy.THROW_EXCEPTION) Emitter<String> emitter,
            LinkRegistry links, PublishTracing tracing) {
        this.emitter = emitter;
        this.links = links;
        this.tracing = tracing;
    }

    /** Whether the connector will take a message now. */
    public boolean hasRoom() {
        return refusal().isEmpty() && emitter.hasRequests();
    }

    /** Why no message will be taken any more (the link gave up for good), or empty. */
    public Optional<String> refusal() {
        return links.link(Channels.PUBLISH).map(LinkView::gaveUp);
    }

    /**
     * Hands one durable message to the channel. Empty when the connector has no room or
     * takes no more ({@link #refusal()}): then nothing was taken.
     * The outcome completes when the broker accepts it, and fails with the reason otherwise.
     */
    public Optional<Published> publish(String body, Map<String, Object> properties) {
        if (refusal().isPresent()) {
            return Optional.empty();
        }
        String id = UUID.randomUUID().toString();
        CompletableFuture<Void> outcome = new CompletableFuture<>();
        SpoolReceipt receipt = new SpoolReceipt();
        // the message's span, hand-over to settlement; null (and nothing more to do) while tracing is off
        PublishTrace trace = tracing.start(id);
        OutgoingAmqpMetadata metadata = OutgoingAmqpMetadata.builder()
                .withMessageId(id)
                .withDurable(true)
                .withApplicationProperties(new JsonObject(
                        trace == null ? Map.copyOf(properties) : tracing.withContext(trace, properties)))
                .build();
        Message<String> message = Message.of(body,
                        trace == null ? Metadata.of(metadata, receipt) : Metadata.of(metadata, receipt, trace))
                .withAck(() -> {
                    if (trace != null) {
                        trace.accepted();
                    }
                    outcome.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    if (trace != null) {
                        trace.failed(failure);
                    }
                    outcome.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                });
        try {
            emitter.send(message);
        } catch (IllegalStateException noRoom) {
            if (trace != null) {
                trace.notTaken();
            }
            return Optional.empty();
        }
        return Optional.of(new Published(id, outcome, receipt.stored()));
    }

    /**
     * A message the channel took: its id, when it is on local disk ({@code stored}: from then on it goes out
     * even across a restart, or it failed with the reason it was not taken) and its outcome to come.
     */
    public record Published(String messageId, CompletableFuture<Void> outcome, CompletableFuture<Void> stored) {
    }
}
