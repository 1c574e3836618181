package io.github.linkroute.publisher.events;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One entry of the {@link EventLog}: what happened, when (first and last time, for a collapsed
 * repetition), how often, the AMQP condition behind it, and a line a person reads.
 *
 * @param id increases with every new entry (not with a repetition folded into one)
 * @param at when it first happened
 * @param last when it last happened (equal to {@code at} unless {@code count} is above 1)
 * @param count how many times in a row it happened
 * @param messages the messages it concerns: unsettled to re-send, re-sent, recovered; null when none
 * @param text the entry as one line, e.g. "refused x7 over 14 s: qd:no-route-to-dest"
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LinkEvent(long id, Instant at, Instant last, String channel, Kind kind, String condition,
        String description, int count, Long messages, String text) {

    /** What kind of event an entry is. */
    public enum Kind {
        CONNECTED,
        RECONNECTED,
        CONNECT_FAILED,
        CONNECTION_LOST,
        ATTACHED,
        REATTACHED,
        DETACHED,
        REFUSED,
        REJECTED,
        SPOOL_RECOVERED;

        /** Kinds that repeat while a failure lasts: consecutive ones with the same condition make one entry. */
        boolean collapses() {
            return this == CONNECT_FAILED || this == REFUSED || this == REJECTED;
        }
    }
}
