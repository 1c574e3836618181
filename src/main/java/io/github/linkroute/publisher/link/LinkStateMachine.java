package io.github.linkroute.publisher.link;

import static io.github.linkroute.publisher.link.LinkState.ATTACHED;
import static io.github.linkroute.publisher.link.LinkState.ATTACHING;
import static io.github.linkroute.publisher.link.LinkState.CLOSED;
import static io.github.linkroute.publisher.link.LinkState.DETACHED;
import static io.github.linkroute.publisher.link.LinkState.DISCONNECTED;
import static io.github.linkroute.publisher.link.LinkState.NO_ROUTE;

import java.util.EnumMap;
import java.util.Map;

import io.quarkus.logging.Log;

/**
 * The link's state transitions, all of them, in one table; the only code that changes {@link LinkState}.
 * <pre>
 * from \ event  ATTACH_SENT  ATTACHED  REFUSED/LOST    REFUSED/LOST  ATTACH_     CONNECT_FAILED,  GAVE_UP,
 *                                      (no route)      (other)       TIMED_OUT   CONNECTION_LOST  STOPPED
 * DISCONNECTED  ATTACHING    -         -               -             -           DISCONNECTED     CLOSED
 * ATTACHING     -            ATTACHED  NO_ROUTE        DETACHED      DETACHED    DISCONNECTED     CLOSED
 * ATTACHED      -            -         NO_ROUTE        DETACHED      -           DISCONNECTED     CLOSED
 * NO_ROUTE      NO_ROUTE     ATTACHED  NO_ROUTE        DETACHED      DETACHED    DISCONNECTED     CLOSED
 * DETACHED      ATTACHING    -         -               -             -           DISCONNECTED     CLOSED
 * CLOSED        -            -         -               -             -           -                -
 * </pre>
 * NO_ROUTE stays NO_ROUTE while the next attach is on the wire: the router has said nothing new yet.
 * A "-" is an event that cannot happen in that state; it leaves the state as it is.
 */
final class LinkStateMachine {

    /** What happens to a link. */
    enum Event {
        /** An ATTACH went on the wire. */
        ATTACH_SENT,
        /** The peer answered the ATTACH with a target. */
        ATTACHED,
        /** The peer refused an attach, or detached an attached link, with qd:no-route-to-dest. */
        NO_ROUTE,
        /** The peer refused an attach, or detached an attached link, with any other condition. */
        DETACHED,
        /** No answer to the ATTACH within the attach timeout. */
        ATTACH_TIMED_OUT,
        /** A connect (TCP, TLS, SASL or OPEN) failed; a reconnect is scheduled. */
        CONNECT_FAILED,
        /** The open connection was lost; a reconnect is scheduled. */
        CONNECTION_LOST,
        /** The connection was lost and reconnect is disabled. */
        GAVE_UP,
        /** Shutdown finished. */
        STOPPED
    }

    private static final Map<LinkState, Map<Event, LinkState>> TABLE = new EnumMap<>(LinkState.class);

    static {
        // from          event                    to
        on(DISCONNECTED, Event.ATTACH_SENT,       ATTACHING);
        on(ATTACHING,    Event.ATTACHED,          ATTACHED);
        on(ATTACHING,    Event.NO_ROUTE,          NO_ROUTE);
        on(ATTACHING,    Event.DETACHED,          DETACHED);
        on(ATTACHING,    Event.ATTACH_TIMED_OUT,  DETACHED);
        on(ATTACHED,     Event.NO_ROUTE,          NO_ROUTE);
        on(ATTACHED,     Event.DETACHED,          DETACHED);
        on(NO_ROUTE,     Event.ATTACH_SENT,       NO_ROUTE);
        on(NO_ROUTE,     Event.ATTACHED,          ATTACHED);
        on(NO_ROUTE,     Event.NO_ROUTE,          NO_ROUTE);
        on(NO_ROUTE,     Event.DETACHED,          DETACHED);
        on(NO_ROUTE,     Event.ATTACH_TIMED_OUT,  DETACHED);
        on(DETACHED,     Event.ATTACH_SENT,       ATTACHING);
        for (LinkState from : new LinkState[] {DISCONNECTED, ATTACHING, ATTACHED, NO_ROUTE, DETACHED}) {
            on(from,     Event.CONNECT_FAILED,    DISCONNECTED);
            on(from,     Event.CONNECTION_LOST,   DISCONNECTED);
            on(from,     Event.GAVE_UP,           CLOSED);
            on(from,     Event.STOPPED,           CLOSED);
        }
    }

    private final LinkStats stats;

    LinkStateMachine(LinkStats stats) {
        this.stats = stats;
    }

    /** The state after {@code event} in {@code from}, or {@code from} itself when the table has no entry. */
    static LinkState next(LinkState from, Event event) {
        return TABLE.getOrDefault(from, Map.of()).getOrDefault(event, from);
    }

    /** Moves the link on {@code event}; returns the new state. */
    LinkState fire(Event event) {
        LinkState from = stats.state();
        LinkState to = next(from, event);
        if (!TABLE.getOrDefault(from, Map.of()).containsKey(event)) {
            Log.debugf("link event %s ignored in state %s", event, from);
        }
        stats.state(to);
        return to;
    }

    LinkState state() {
        return stats.state();
    }

    private static void on(LinkState from, Event event, LinkState to) {
        TABLE.computeIfAbsent(from, f -> new EnumMap<>(Event.class)).put(event, to);
    }
}
