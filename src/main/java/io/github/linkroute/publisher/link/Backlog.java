package io.github.linkroute.publisher.link;

import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * Messages waiting for credit. Messages to re-send (their outcome was lost with a link, or they
 * came back RELEASED/MODIFIED) go out first, in their original order; new ones follow. The capacity
 * bounds how many new messages the connector takes from the channel; re-sends are always kept.
 */
final class Backlog {

    private final int capacity;
    private final PriorityQueue<Pending> resends = new PriorityQueue<>(Comparator.comparingLong(p -> p.order));
    private final ArrayDeque<Pending> fresh = new ArrayDeque<>();

    Backlog(int capacity) {
        this.capacity = capacity;
    }

    void add(Pending pending) {
        fresh.addLast(pending);
    }

    void resend(Pending pending) {
        resends.add(pending);
    }

    Pending poll() {
        Pending next = resends.poll();
        return next != null ? next : fresh.pollFirst();
    }

    boolean isEmpty() {
        return resends.isEmpty() && fresh.isEmpty();
    }

    int size() {
        return resends.size() + fresh.size();
    }

    /** Messages waiting to go out again. */
    int resendCount() {
        return resends.size();
    }

    /** Room for new messages from the channel. */
    int room() {
        return Math.max(0, capacity - size());
    }

    /** Removes every message, re-sends first, handing each to {@code sink}. */
    void removeEach(Consumer<Pending> sink) {
        Pending next;
        while ((next = poll()) != null) {
            sink.accept(next);
        }
    }
}
