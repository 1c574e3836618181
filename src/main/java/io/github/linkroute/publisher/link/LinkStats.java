package io.github.linkroute.publisher.link;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters and state of one outgoing link, and the read-only view readers get of it. Written only by
 * the link's event loop, read by anyone (status, health, metrics), hence atomics and volatiles; values
 * that belong together (state and since when, an error's condition and description, the two depths)
 * are written as one immutable record, so a reader never pairs halves of two writes.
 */
final class LinkStats implements LinkView {

    /** The event loop marks it is alive this often; it counts as unresponsive after ten missed beats. */
    static final long HEARTBEAT_MS = 1000;

    final AtomicLong sent = new AtomicLong();
    final AtomicLong accepted = new AtomicLong();
    final AtomicLong rejected = new AtomicLong();
    final AtomicLong released = new AtomicLong();
    final AtomicLong modified = new AtomicLong();
    final AtomicLong resent = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    /** Filled once in the constructor, never changed: safe to read from any thread. */
    private final Map<FailReason, AtomicLong> failedBy = new EnumMap<>(FailReason.class);
    final AtomicLong attaches = new AtomicLong();
    final AtomicLong reattaches = new AtomicLong();
    final AtomicLong refusedAttaches = new AtomicLong();
    final AtomicLong linkLosses = new AtomicLong();
    final AtomicLong reconnects = new AtomicLong();

    private volatile Current current = new Current(LinkState.DISCONNECTED, Instant.now());
    private volatile LastError lastError = LastError.NONE;
    private volatile Instant lastAcceptedAt;
    private volatile boolean credited;
    private volatile Depths depths = new Depths(0, 0);
    private final int bufferCapacity;
    private final long creditStallNanos;
    /** Since when messages have waited with no credit and nothing sent (System.nanoTime), or -1. */
    private volatile long waitingForCreditSince = -1;
    private final String channel;
    private final String address;
    /** Read by the health thread: set on the event loop once shutdown starts. */
    private volatile boolean stopping;
    private volatile String gaveUp;
    private volatile long lastBeat = System.nanoTime();
    /** Time spent without an attached link, up to the last time it attached. */
    private long unattachedNanos;
    /** Since when it has had no attached link (System.nanoTime), or -1 while attached. */
    private volatile long unattachedSince = System.nanoTime();

    LinkStats(String channel, String address, int bufferCapacity, Duration creditStallTimeout) {
        this.channel = channel;
        this.address = address;
        this.bufferCapacity = bufferCapacity;
        this.creditStallNanos = creditStallTimeout.toNanos();
        for (FailReason reason : FailReason.values()) {
            failedBy.put(reason, new AtomicLong());
        }
    }

    /** {@code count} messages given up for {@code reason}. */
    void failed(FailReason reason, int count) {
        if (count > 0) {
            failedBy.get(reason).addAndGet(count);
            failed.addAndGet(count);
        }
    }

    /** Written on the event loop, read by status and health: one reference, so volatile is enough. */
    private volatile String connectedTo;

    void connectedTo(String endpoint) {
        connectedTo = endpoint;
    }

    @Override
    public String connectedTo() {
        return connectedTo;
    }

    @Override
    public String channel() {
        return channel;
    }

    @Override
    public String address() {
        return address;
    }

    @Override
    public LinkStatus status() {
        return snapshot();
    }

    @Override
    public boolean canRecover() {
        return current.state() != LinkState.CLOSED || stopping;
    }

    @Override
    public String gaveUp() {
        return gaveUp;
    }

    void gaveUp(String reason) {
        gaveUp = reason;
    }

    @Override
    public boolean supervisorResponsive() {
        return System.nanoTime() - lastBeat < TimeUnit.MILLISECONDS.toNanos(HEARTBEAT_MS * 10);
    }

    void beat() {
        lastBeat = System.nanoTime();
    }

    void stopping() {
        stopping = true;
    }

    boolean isStopping() {
        return stopping;
    }

    synchronized void state(LinkState newState) {
        if (newState == LinkState.ATTACHED && unattachedSince >= 0) {
            unattachedNanos += System.nanoTime() - unattachedSince;
            unattachedSince = -1;
        } else if (newState != LinkState.ATTACHED && unattachedSince < 0) {
            unattachedSince = System.nanoTime();
        }
        if (current.state() != newState) {
            current = new Current(newState, Instant.now());
        }
        if (newState != LinkState.ATTACHED) {
            credited = false;
            waitingForCreditSince = -1;
        }
    }

    /** The current state, without the cost of a snapshot. */
    LinkState state() {
        return current.state();
    }

    void error(String condition, String description) {
        lastError = new LastError(condition, description, Instant.now());
    }

    void accepted() {
        accepted.incrementAndGet();
        lastAcceptedAt = Instant.now();
    }

    void credited(boolean value) {
        credited = value;
    }

    /**
     * After the link sent what its credit allowed: {@code waiting} when messages are left and credit is 0,
     * {@code progressed} when anything went out. The stall is counted from the last transfer.
     */
    void creditWait(boolean waiting, boolean progressed) {
        if (!waiting) {
            waitingForCreditSince = -1;
        } else if (progressed || waitingForCreditSince < 0) {
            waitingForCreditSince = System.nanoTime();
        }
    }

    void depths(int buffer, int inFlight) {
        if (depths.buffer() != buffer || depths.unsettled() != inFlight) {
            depths = new Depths(buffer, inFlight);
        }
    }

    /** Seconds spent without an attached link since start, including the current stretch. */
    @Override
    public synchronized double secondsWithoutLink() {
        long current = unattachedSince >= 0 ? System.nanoTime() - unattachedSince : 0;
        return (unattachedNanos + current) / 1e9;
    }

    private Map<String, Long> failedByReason() {
        Map<String, Long> byReason = new LinkedHashMap<>();
        failedBy.forEach((reason, count) -> byReason.put(reason.tag(), count.get()));
        return Collections.unmodifiableMap(byReason);
    }

    private record Current(LinkState state, Instant since) {
    }

    private record LastError(String condition, String description, Instant at) {
        static final LastError NONE = new LastError(null, null, null);
    }

    private record Depths(int buffer, int unsettled) {
    }

    /** A copy for readers: each group of values from one write; counters each read once. */
    LinkStatus snapshot() {
        long since = waitingForCreditSince;
        boolean creditStalled = since >= 0 && System.nanoTime() - since > creditStallNanos;
        Current now = current;
        LastError error = lastError;
        Depths held = depths;
        return new LinkStatus(now.state(), now.since(), credited, creditStalled, error.condition(), error.description(),
                error.at(), lastAcceptedAt, held.buffer(), bufferCapacity, held.unsettled(),
                new LinkStatus.Counters(sent.get(), accepted.get(), rejected.get(), released.get(), modified.get(),
                        resent.get(), failed.get(), attaches.get(), reattaches.get(), refusedAttaches.get(),
                        linkLosses.get(), reconnects.get(), failedByReason()));
    }
}
