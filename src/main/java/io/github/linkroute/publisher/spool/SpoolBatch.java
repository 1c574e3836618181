package io.github.linkroute.publisher.spool;

/** One batch record on disk and how many of its messages have not left it yet. */
final class SpoolBatch {

    final long recordId;
    int remaining;

    SpoolBatch(long recordId, int remaining) {
        this.recordId = recordId;
        this.remaining = remaining;
    }
}
