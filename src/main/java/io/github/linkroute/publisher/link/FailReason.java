package io.github.linkroute.publisher.link;

/** Why the link gave a message up (nacked it without the broker's verdict): the {@code failed} counter's reasons. */
public enum FailReason {
    /** Answered RELEASED or MODIFIED more than max-redeliveries times. */
    MAX_REDELIVERIES("max-redeliveries"),
    /** Still held when the publisher stopped, with no spool to keep it in. */
    SHUTDOWN("shutdown"),
    /** Held, or still arriving, when the connection was lost or failed with reconnect disabled. */
    RECONNECT_DISABLED("reconnect-disabled"),
    /** Its body or properties have no AMQP encoding. */
    UNENCODABLE("unencodable"),
    /** The spool could not store it, so it was not taken. */
    SPOOL_UNUSABLE("spool-unusable");

    private final String tag;

    FailReason(String tag) {
        this.tag = tag;
    }

    /** The name in {@code /status} and the metric's {@code reason} tag. */
    public String tag() {
        return tag;
    }
}
