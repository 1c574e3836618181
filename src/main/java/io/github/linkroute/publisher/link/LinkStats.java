package io.github.linkroute.publisher.link;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters and state of one outgoing link. Written only by the link's event loop, read by anyone
 * (status, health, metrics), hence atomics and volatiles rather than locks.
 */
public final class LinkStats {

    final AtomicLong sent = new AtomicLong();
    final AtomicLong accepted = new AtomicLong();
    final AtomicLong rejected = new AtomicLong();
    final AtomicLong released = new AtomicLong();
    final AtomicLong modified = new AtomicLong();
    final AtomicLong resent = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final AtomicLong attaches = new AtomicLong();
    final AtomicLong reattaches = new AtomicLong();
    final AtomicLong refusedAttaches = new AtomicLong();
    final AtomicLong linkLosses = new AtomicLong();
    final AtomicLong reconnects = new AtomicLong();

    private volatile LinkState state = LinkState.DISCONNECTED;
    private volatile Instant stateSince = Instant.now();
    private volatile String lastCondition;
    private volatile String lastDescription;
    private volatile Instant lastErrorAt;
    private volatile Instant lastAcceptedAt;
    private volatile boolean credited;
    private volatile int bufferDepth;
    private volatile int unsettled;
    private final int bufferCapacity;

    LinkStats(int bufferCapacity) {
        this.bufferCapacity = bufferCapacity;
    }

    void state(LinkState newState) {
        if (state != newState) {
            state = newState;
            stateSince = Instant.now();
        }
        if (newState != LinkState.ATTACHED) {
            credited = false;
        }
    }

    void error(String condition, String description) {
        lastCondition = condition;
        lastDescription = description;
        lastErrorAt = Instant.now();
    }

    void accepted() {
        accepted.incrementAndGet();
        lastAcceptedAt = Instant.now();
    }

    void credited(boolean value) {
        credited = value;
    }

    void depths(int buffer, int inFlight) {
        bufferDepth = buffer;
        unsettled = inFlight;
    }

    /** A consistent-enough copy for readers. */
    public LinkStatus snapshot() {
        return new LinkStatus(state, stateSince, credited, lastCondition, lastDescription, lastErrorAt,
                lastAcceptedAt, bufferDepth, bufferCapacity, unsettled,
                new LinkStatus.Counters(sent.get(), accepted.get(), rejected.get(), released.get(), modified.get(),
                        resent.get(), failed.get(), attaches.get(), reattaches.get(), refusedAttaches.get(),
                        linkLosses.get(), reconnects.get()));
    }
}
