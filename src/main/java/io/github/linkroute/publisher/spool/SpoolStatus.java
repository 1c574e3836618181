package io.github.linkroute.publisher.spool;

import java.time.Instant;

/**
 * What readers see of the spool: whether it is on, where, how many messages it holds, why it takes
 * nothing (null while it works), and what it gave back at start-up.
 */
public record SpoolStatus(boolean enabled, String directory, int depth, String failure, Recovery recovered) {

    /** Messages read back at start-up, when the oldest of them was taken, and how many of them are settled since. */
    public record Recovery(int messages, Instant oldestTakenAt, long settled) {
    }

    /** Whether a new message can be taken onto the spool (or the spool is off). */
    public boolean working() {
        return failure == null;
    }
}
