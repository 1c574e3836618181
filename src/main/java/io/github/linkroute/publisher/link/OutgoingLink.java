package io.github.linkroute.publisher.link;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.github.linkroute.publisher.link.LinkStateMachine.Event;
import io.github.linkroute.publisher.spool.LocalSpool;
import io.github.linkroute.publisher.spool.Spool;
import io.quarkus.logging.Log;
import io.vertx.amqp.AmqpClientOptions;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.proton.ProtonConnection;
import io.vertx.proton.ProtonSender;

/**
 * One outgoing sender link and its connection: wires its parts together on one Vert.x context and
 * turns what they report into {@link LinkStateMachine} events.
 * <p>
 * A link route splices this sender through the router to the broker: when the broker dies the router
 * detaches the link (qd:routed-link-lost) but keeps the connection, and refuses new attaches
 * (qd:no-route-to-dest) until the broker is back. So the link is re-attached on the same connection
 * every sender-retry-interval ({@link LinkAttacher}), and every delivery not settled as ACCEPTED goes
 * out again, in order, before newer messages ({@link DeliveryTracker}). A lost connection is
 * reconnected with back-off ({@link ConnectionSupervisor}). Shutdown drains ({@link LinkDrain}).
 * Readers only ever see the {@link LinkView}.
 */
final class OutgoingLink implements ConnectionSupervisor.Listener, LinkAttacher.Listener {

    /** After the drain, how long a CLOSE may go unanswered: shutdown takes at most drain-timeout plus this. */
    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(1);

    private final Vertx vertx;
    private final Context context;
    private final LinkScope scope;
    private final LinkStats stats;
    private final LinkStateMachine machine;
    private final ConnectionSupervisor supervisor;
    private final LinkAttacher attacher;
    private final DeliveryTracker tracker;
    private final ChannelIntake intake;
    private final LinkDrain drain;
    private CompletableFuture<Void> stopped;
    private long heartbeat = LinkScope.NO_TIMER;

    OutgoingLink(Vertx vertx, AmqpClientOptions options, LinkSettings settings, LinkObserver observer) {
        this(vertx, options, settings, observer, Spool.none(), (message, accepted) -> {
        });
    }

    /** A link whose messages wait in {@code spool}; what it recovered goes out first, outcomes to {@code recovered}. */
    OutgoingLink(Vertx vertx, AmqpClientOptions options, LinkSettings settings, LinkObserver observer, Spool spool,
            LocalSpool.RecoveredListener recovered) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.stats = new LinkStats(settings.channel(), settings.address(), settings.bufferSize(),
                settings.creditStallTimeout());
        this.scope = new LinkScope(vertx, settings, stats, observer, "amqp-link[" + settings.channel() + "]");
        this.machine = new LinkStateMachine(stats);
        this.supervisor = new ConnectionSupervisor(scope, options, this);
        String container = options.getContainerId() != null ? options.getContainerId() : "publisher";
        this.attacher = new LinkAttacher(scope, container, this);
        this.tracker = new DeliveryTracker(scope, context, spool, recovered, this::afterChange);
        this.intake = new ChannelIntake(scope, context, tracker, this::flush);
        this.drain = new LinkDrain(scope, tracker, () -> attacher.sender() != null, this::flushOnly, this::closeAll);
    }

    /** What readers (status, health, metrics, REST) may see. */
    LinkView view() {
        return stats;
    }

    /** What the channel publishes into. */
    Flow.Subscriber<Message<?>> subscriber() {
        return intake;
    }

    String channel() {
        return scope.channel();
    }

    LinkSettings settings() {
        return scope.settings();
    }

    void start() {
        context.runOnContext(v -> {
            heartbeat = vertx.setPeriodic(LinkStats.HEARTBEAT_MS, id -> stats.beat());
            supervisor.start();
        });
    }

    // ---- connection -------------------------------------------------------------------------

    @Override
    public void connected(ProtonConnection connection) {
        attacher.attach(connection);
    }

    @Override
    public void connectFailed(Condition condition) {
        stats.error(condition.name(), condition.description());
        scope.observer().connectFailed(scope.channel(), condition);
        if (!scope.settings().reconnect() && supervisor.lastOfRound()) {
            // the demo without -r: every router was tried once, that is the end of it
            giveUp("connection failed at " + supervisor.endpoint(), condition);
            return;
        }
        machine.fire(Event.CONNECT_FAILED);
        supervisor.reconnectLater("connection failed", condition);
    }

    @Override
    public void connectionLost(Condition condition) {
        attacher.abandon(false);
        attacher.lost(condition.name());
        int unsettled = tracker.requeueInFlight();
        stats.error(condition.name(), condition.description());
        scope.observer().connectionLost(scope.channel(), condition, unsettled, scope.settings().reconnect());
        if (!scope.settings().reconnect()) {
            giveUp("connection lost", condition);
            return;
        }
        machine.fire(Event.CONNECTION_LOST);
        supervisor.reconnectLater("connection lost (" + unsettled + " unsettled will be re-sent)", condition);
    }

    /**
     * Reconnect is disabled and the connection is gone: the link closes for good. It takes no more
     * messages (REST answers 503 with the reason, the emitter holds off), and everything it held, in
     * redelivery timers too, is let go at once: kept in the spool, or nacked and counted without one.
     */
    private void giveUp(String what, Condition condition) {
        String reason = what + ": " + condition + "; reconnect is disabled (publisher.reconnect=false), restart the service";
        Log.errorf("%s %s; giving up with %d messages undelivered", scope.prefix(), reason,
                tracker.waiting() + tracker.inFlight());
        stats.gaveUp(reason);
        machine.fire(Event.GAVE_UP);
        tracker.letGo(new DeliveryFailure(Outcome.CLOSED, condition, what + " and reconnect disabled"),
                FailReason.RECONNECT_DISABLED);
        if (tracker.keepsOnDisk()) {
            Log.infof("%s they stay in the spool for the next start", scope.prefix());
        }
    }

    // ---- the sender link --------------------------------------------------------------------

    @Override
    public void attachSent() {
        machine.fire(Event.ATTACH_SENT);
    }

    @Override
    public void attached(ProtonSender sender, long refusedBefore) {
        machine.fire(Event.ATTACHED);
        String after = refusedBefore > 0 ? " after " + refusedBefore + " refused attaches" : "";
        Log.infof("%s link attached to %s%s; %d to send (%d to re-send)", scope.prefix(), scope.settings().address(),
                after, tracker.waiting(), tracker.resends());
        scope.observer().attached(scope.channel(), refusedBefore, tracker.resends());
    }

    @Override
    public void credited() {
        stats.credited(true);
        flush();
    }

    @Override
    public void detached(Condition condition, boolean wasAttached) {
        stats.error(condition.name(), condition.description());
        Event event = Condition.NO_ROUTE.equals(condition.name()) ? Event.NO_ROUTE : Event.DETACHED;
        if (wasAttached) {
            int unsettled = tracker.requeueInFlight();
            machine.fire(event);
            Log.warnf("%s link detached: %s; %d unsettled will be re-sent; retry in %d ms", scope.prefix(), condition,
                    unsettled, scope.settings().senderRetryInterval().toMillis());
            scope.observer().detached(scope.channel(), condition, unsettled);
        } else {
            machine.fire(event);
        }
        if (drain.started()) {
            drain.finish();
            return;
        }
        attachLater();
    }

    @Override
    public void attachTimedOut() {
        stats.error(Condition.ATTACH_TIMEOUT, "no answer to ATTACH within " + scope.settings().attachTimeout().toMillis() + " ms");
        attacher.abandon(supervisor.isOpen());
        // the next successful attach is a re-attach after this, not after the loss before it
        attacher.lost(Condition.ATTACH_TIMEOUT);
        tracker.requeueInFlight();
        machine.fire(Event.ATTACH_TIMED_OUT);
        attachLater();
    }

    private void attachLater() {
        ProtonConnection connection = supervisor.connection();
        if (connection != null && !drain.started()) {
            attacher.attachLater(connection);
        }
    }

    // ---- sending ------------------------------------------------------------------------------

    /** After an outcome or a redelivery timer: keep sending, or see whether the drain is done. */
    private void afterChange() {
        if (drain.started()) {
            drain.check();
        } else {
            flush();
        }
    }

    /** Sends what credit allows, then asks the channel for more. */
    private void flush() {
        flushOnly();
        intake.requestMore();
    }

    private void flushOnly() {
        ProtonSender sender = attacher.sender();
        if (sender != null && machine.state() == LinkState.ATTACHED) {
            tracker.flush(sender);
        }
    }

    // ---- shutdown -----------------------------------------------------------------------------

    /**
     * Stops taking messages, waits up to the drain timeout for outstanding settlements, then detaches
     * and closes; logs what stayed unsettled.
     */
    CompletionStage<Void> stop() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        context.runOnContext(v -> {
            if (stopped != null) {
                stopped.whenComplete((r, t) -> done.complete(null));
                return;
            }
            stats.stopping();
            supervisor.stopReconnecting();
            attacher.stopRetrying();
            intake.cancel();
            stopped = drain.start();
            stopped.whenComplete((r, t) -> done.complete(null));
        });
        return done;
    }

    private Future<Void> closeAll() {
        attacher.abandon(supervisor.isOpen());
        machine.fire(Event.STOPPED);
        heartbeat = scope.cancel(heartbeat);
        return supervisor.close(CLOSE_TIMEOUT);
    }
}
