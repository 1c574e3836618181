package io.github.linkroute.publisher.link;

import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import io.quarkus.logging.Log;
import io.vertx.core.Future;

/**
 * Shutdown's drain: waits up to the drain timeout for outstanding settlements (sending what the
 * buffer still holds while a link is attached), then gives up on the rest, detaches and closes.
 * "Drain" means this and nothing else in this package.
 */
final class LinkDrain {

    private static final int IDS_IN_SHUTDOWN_LOG = 10;

    private final LinkScope scope;
    private final DeliveryTracker tracker;
    private final BooleanSupplier attached;
    private final Runnable flush;
    private final Supplier<Future<Void>> closeAll;
    private CompletableFuture<Void> done;
    private long drainTimer = LinkScope.NO_TIMER;

    /**
     * @param attached whether a link is attached (then the buffer can still go out)
     * @param flush sends what credit allows
     * @param closeAll detaches the link and closes the connection
     */
    LinkDrain(LinkScope scope, DeliveryTracker tracker, BooleanSupplier attached, Runnable flush,
            Supplier<Future<Void>> closeAll) {
        this.scope = scope;
        this.tracker = tracker;
        this.attached = attached;
        this.flush = flush;
        this.closeAll = closeAll;
    }

    boolean started() {
        return done != null;
    }

    /** Starts the drain; completes when the link is closed. Call on the link's context, once. */
    CompletableFuture<Void> start() {
        done = new CompletableFuture<>();
        Log.infof("%s stopping: %d in flight, %d buffered; waiting up to %d ms", scope.prefix(), tracker.inFlight(),
                tracker.waiting(), scope.settings().drainTimeout().toMillis());
        drainTimer = scope.timer(scope.settings().drainTimeout(), this::finish);
        check();
        return done;
    }

    /** After anything changed: finishes when nothing is left that could still settle. */
    void check() {
        boolean nothingToSend = tracker.backlogEmpty() || !attached.getAsBoolean();
        if (tracker.inFlight() == 0 && nothingToSend && !tracker.redeliveriesPending()) {
            finish();
        } else if (attached.getAsBoolean()) {
            flush.run();
        }
    }

    /** Gives up on what is left, logs it, detaches and closes. */
    void finish() {
        if (done == null || done.isDone()) {
            return;
        }
        drainTimer = scope.cancel(drainTimer);
        int unsettled = tracker.inFlight();
        int buffered = tracker.waiting();
        if (unsettled + buffered == 0) {
            Log.infof("%s stopped: every message settled", scope.prefix());
        } else {
            Log.warnf("%s stopped with %d unsettled and %d unsent messages%s", scope.prefix(), unsettled, buffered,
                    unsettled > 0 && unsettled <= IDS_IN_SHUTDOWN_LOG
                            ? ": unsettled ids " + tracker.inFlightIds(IDS_IN_SHUTDOWN_LOG) : "");
        }
        int letGo = tracker.letGo(new DeliveryFailure(Outcome.CLOSED, null, "the publisher stopped before the broker settled it"),
                FailReason.SHUTDOWN);
        if (letGo > 0 && tracker.keepsOnDisk()) {
            Log.infof("%s %d messages kept in the spool for the next start", scope.prefix(), letGo);
        }
        CompletableFuture<Void> result = done;
        closeAll.get().onComplete(ar -> result.complete(null));
    }
}
