package io.github.linkroute.publisher.link;

/** Where the outgoing link stands; only {@link #ATTACHED} can publish. */
public enum LinkState {
    /** No connection; connecting or waiting to reconnect. */
    DISCONNECTED,
    /** Connected; an ATTACH is on the wire, no answer yet. */
    ATTACHING,
    /** The peer answered the ATTACH with a target: messages flow as credit arrives. */
    ATTACHED,
    /** The router refused the attach (qd:no-route-to-dest): the broker behind it is gone. */
    NO_ROUTE,
    /** The link was detached (lost route, or refused for another reason); a re-attach is scheduled. */
    DETACHED,
    /** The link was stopped for good: shutdown, or a lost connection with reconnect disabled. */
    CLOSED
}
