package io.github.linkroute.publisher.link;

import java.time.Instant;

/**
 * Told of the link's events as they happen, on its event loop: for metrics that need more than the
 * running totals of {@link LinkStats} (the condition behind an event, latencies) and for the event log.
 * Each call sits where the link logs the same event. Keep it quick.
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

    /** The connection to {@code host}:{@code port} is open (first time or again). */
    default void connected(String channel, String host, int port) {
    }

    /** A connect failed. */
    default void connectFailed(String channel, Condition condition) {
    }

    /** The open connection was lost with {@code unsettled} deliveries to re-send; {@code reconnect} false: for good. */
    default void connectionLost(String channel, Condition condition, int unsettled, boolean reconnect) {
    }

    /** The link is attached, after {@code refusedBefore} refused attaches, with {@code resend} messages to send again. */
    default void attached(String channel, long refusedBefore, int resend) {
    }

    /** The peer detached the attached link; {@code unsettled} deliveries go out again after the re-attach. */
    default void detached(String channel, Condition condition, int unsettled) {
    }

    /** At start-up, {@code count} messages left by the last run were found in the spool, the oldest taken at {@code oldest}. */
    default void spoolRecovered(String channel, long count, Instant oldest) {
    }
}
