package io.github.linkroute.publisher.link;

import org.eclipse.microprofile.reactive.messaging.Message;

/** One application message on its way: held in the backlog, or in flight on the link. */
final class Pending {

    /** Order of arrival at the connector; re-sends go out in this order, before newer messages. */
    final long order;
    final Message<?> message;
    /** As it goes on the wire: encoded once, when it was taken (or as the spool kept it). */
    final org.apache.qpid.proton.message.Message amqp;
    final String messageId;
    /** Its record in the spool, removed once the broker settles it. */
    final long spoolId;
    /** The emitter's running number it carries, or 0. */
    final long sequence;
    /** Times this message went on the wire. */
    int transfers;
    /** When it last went on the wire (System.nanoTime), for the send-to-settle latency. */
    long sentAt;
    /** Times the peer answered RELEASED or MODIFIED. */
    int redeliveries;

    Pending(long order, Message<?> message, org.apache.qpid.proton.message.Message amqp, String messageId, long spoolId,
            long sequence) {
        this.sequence = sequence;
        this.order = order;
        this.message = message;
        this.amqp = amqp;
        this.messageId = messageId;
        this.spoolId = spoolId;
    }
}
