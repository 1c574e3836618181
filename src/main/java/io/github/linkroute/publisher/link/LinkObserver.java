package io.github.linkroute.publisher.link;

/**
 * Told of the link's events as they happen, on its event loop: for metrics that need more than the
 * running totals of {@link LinkStats} (the condition behind an event, latencies). Keep it quick.
 */
public interface LinkObserver {

    /** A delivery was settled by the peer ({@code condition} only for REJECTED), {@code nanos} after it went out. */
    default void settled(String channel, Outcome outcome, String condition, long nanos) {
    }

    /** The peer detached an attached link. */
    default void linkLost(String channel, String condition) {
    }

    /** The peer refused an attach. */
    default void attachRefused(String channel, String condition) {
    }

    /** A link is attached again after a loss caused by {@code condition}. */
    default void reattached(String channel, String condition) {
    }

    /** The connection is open again after a loss caused by {@code condition}. */
    default void reconnected(String channel, String condition) {
    }
}
