package io.github.linkroute.publisher.link;

import java.time.Instant;

/** What a reader sees of a link at one moment. */
public record LinkStatus(
        LinkState state,
        Instant stateSince,
        boolean credited,
        String lastCondition,
        String lastDescription,
        Instant lastErrorAt,
        Instant lastAcceptedAt,
        int bufferDepth,
        int bufferCapacity,
        int unsettled,
        Counters counters) {

    /** True when a sender link is attached and the peer has granted it credit: it can publish. */
    public boolean canPublish() {
        return state == LinkState.ATTACHED && credited;
    }

    /** Outcome and recovery counters since start. */
    public record Counters(long sent, long accepted, long rejected, long released, long modified, long resent,
            long failed, long attaches, long reattaches, long refusedAttaches, long linkLosses, long reconnects) {
    }
}
