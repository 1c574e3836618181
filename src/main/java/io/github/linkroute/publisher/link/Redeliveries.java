package io.github.linkroute.publisher.link;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.quarkus.logging.Log;

/**
 * Messages answered RELEASED or MODIFIED ("not taken, try again"), each waiting in a timer for the
 * redelivery delay before it goes back to the backlog, a bounded number of times.
 */
final class Redeliveries {

    /** What happens to a message that comes back: the tracker's decisions, on the link's context. */
    interface Handler {

        /** The delay ran out: re-send it first. */
        void due(Pending pending);

        /** Came back more than max-redeliveries times (or while stopping without a spool): give it up. */
        void giveUp(Pending pending, FailReason reason, DeliveryFailure failure);
    }

    private final LinkScope scope;
    private final Handler handler;
    /** Timers running, each holding one message. */
    private final Map<Long, Pending> timers = new HashMap<>();

    Redeliveries(LinkScope scope, Handler handler) {
        this.scope = scope;
        this.handler = handler;
    }

    /**
     * {@code pending} came back with {@code outcome}: wait and re-send, or give it up after max-redeliveries.
     * While stopping it is not re-sent: kept on disk when {@code keptOnDisk}, else given up.
     */
    void cameBack(Pending pending, Outcome outcome, boolean keptOnDisk) {
        pending.redeliveries++;
        int max = scope.settings().maxRedeliveries();
        if (scope.stats().isStopping()) {
            if (!keptOnDisk) {
                handler.giveUp(pending, FailReason.SHUTDOWN,
                        new DeliveryFailure(outcome, null, outcome + " while the publisher stops"));
            }
            return;
        }
        if (pending.redeliveries > max) {
            Log.warnf("%s message %s came back %s %d times; giving up on it", scope.prefix(), pending.messageId,
                    outcome, pending.redeliveries);
            handler.giveUp(pending, FailReason.MAX_REDELIVERIES, new DeliveryFailure(outcome, null,
                    outcome + " " + pending.redeliveries + " times, max-redeliveries is " + max));
            return;
        }
        Log.debugf("%s message %s %s; re-send in %d ms", scope.prefix(), pending.messageId, outcome,
                scope.settings().redeliveryDelay().toMillis());
        long[] timer = new long[1];
        timer[0] = scope.timer(scope.settings().redeliveryDelay(), () -> {
            timers.remove(timer[0]);
            handler.due(pending);
        });
        timers.put(timer[0], pending);
    }

    int size() {
        return timers.size();
    }

    /** Cancels every timer and hands over the messages they held. */
    void takeAll(Consumer<Pending> into) {
        List<Pending> held = new ArrayList<>(timers.size());
        timers.forEach((timer, pending) -> {
            scope.cancel(timer);
            held.add(pending);
        });
        timers.clear();
        held.forEach(into);
    }
}
