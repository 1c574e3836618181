package io.github.linkroute.publisher.link;

/**
 * Hears what happens to one message on the link beyond its ack or nack (tracing): carried in the
 * message's metadata, looked up only when the message goes out again, so a message without one costs nothing.
 */
public interface DeliveryListener {

    /** The message goes on the wire again, as its {@code transfer}-th transfer (2 for the first re-send). */
    void resent(int transfer);
}
