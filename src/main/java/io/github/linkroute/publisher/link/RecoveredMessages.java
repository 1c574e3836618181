package io.github.linkroute.publisher.link;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.github.linkroute.publisher.spool.LocalSpool;
import io.github.linkroute.publisher.spool.SpooledMessage;

/**
 * What the spool held at start-up, as messages to send first, in their original order with their original
 * encoding (message-id, duplicate-detection id, sequence, body). Nobody waits for their outcomes but the
 * listener.
 */
final class RecoveredMessages {

    private RecoveredMessages() {
    }

    /** The spooled messages as pending ones, numbered 1, 2, ... in the order they were first taken. */
    static List<Pending> of(List<SpooledMessage> spooled, LocalSpool.RecoveredListener listener) {
        List<Pending> pending = new ArrayList<>(spooled.size());
        for (SpooledMessage message : spooled) {
            org.apache.qpid.proton.message.Message amqp = AmqpMessages.decode(message.amqp());
            pending.add(new Pending(pending.size() + 1, settledTo(message, listener), new PreEncodedMessage(message.amqp()),
                    String.valueOf(amqp.getMessageId()), message.id(), message.sequence()));
        }
        return pending;
    }

    private static Message<Long> settledTo(SpooledMessage spooled, LocalSpool.RecoveredListener listener) {
        return Message.of(spooled.sequence())
                .withAck(() -> {
                    listener.settled(spooled, true);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    listener.settled(spooled, false);
                    return CompletableFuture.completedFuture(null);
                });
    }
}
