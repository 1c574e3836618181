package io.github.linkroute.publisher.link;

/** What status, health, metrics and REST may see of a link: reads only, safe from any thread. */
public interface LinkView {

    String channel();

    String address();

    /** The router (or broker) the link is, or was last, connected to, as host:port; null before the first connect. */
    String connectedTo();

    /** A copy of state, counters and depths at one moment. */
    LinkStatus status();

    /** Seconds spent without an attached link since start. */
    double secondsWithoutLink();

    /** False once the link has given up for good (connection lost or failed with reconnect disabled). */
    boolean canRecover();

    /** Why the link gave up for good (it takes no more messages), or null while it can recover. */
    String gaveUp();

    /** False when the link's event loop has not run its heartbeat for ten beats: it cannot recover anything. */
    boolean supervisorResponsive();
}
