package io.github.linkroute.publisher.link;

import org.apache.qpid.proton.amqp.messaging.Accepted;
import org.apache.qpid.proton.amqp.messaging.Modified;
import org.apache.qpid.proton.amqp.messaging.Rejected;
import org.apache.qpid.proton.amqp.messaging.Released;
import org.apache.qpid.proton.amqp.transport.DeliveryState;

/** How a delivery ended: one of the peer's four outcomes, or CLOSED when the link gave it up without one. */
public enum Outcome {
    ACCEPTED,
    REJECTED,
    RELEASED,
    MODIFIED,
    /** The link gave the message up itself (shutdown, or the connection lost with reconnect disabled). */
    CLOSED;

    /**
     * The terminal outcome of a peer's delivery state, or null while it is not final. The router's own
     * REJECTED for a transfer that raced the loss of its link route is RELEASED: the broker never saw it.
     */
    static Outcome of(DeliveryState state) {
        if (state instanceof Accepted) {
            return ACCEPTED;
        } else if (state instanceof Rejected rejected) {
            return Condition.isRoutingFailure(rejected.getError()) ? RELEASED : REJECTED;
        } else if (state instanceof Released) {
            return RELEASED;
        } else if (state instanceof Modified) {
            return MODIFIED;
        }
        return null;
    }
}
