package io.github.linkroute.publisher.link;

import java.time.Instant;

/** What a reader sees of a link at one moment. */
public record LinkStatus(
        LinkState state,
        Instant stateSince,
        boolean credited,
        /** Messages have waited longer than the credit-stall timeout with no credit to send them. */
        boolean creditStalled,
        String lastCondition,
        String lastDescription,
        Instant lastErrorAt,
        Instant lastAcceptedAt,
        int bufferDepth,
        int bufferCapacity,
        int unsettled,
        Counters counters) {

    /**
     * True when a sender link is attached, the peer has granted it credit, and messages are not stuck
     * waiting for more (attached with credit 0 and messages waiting past the credit-stall timeout: a
     * broker that blocks its address, a router that stopped granting): it can publish now.
     */
    public boolean canPublish() {
        return state == LinkState.ATTACHED && credited && !creditStalled;
    }

    /** Outcome and recovery counters since start. */
    public record Counters(long sent, long accepted, long rejected, long released, long modified, long resent,
            long failed, long attaches, long reattaches, long refusedAttaches, long linkLosses, long reconnects,
            /** The failed messages by {@link FailReason#tag()}; sums to {@code failed}. */
            java.util.Map<String, Long> failedByReason) {
    }
}
