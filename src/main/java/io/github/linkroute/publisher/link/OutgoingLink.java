package io.github.linkroute.publisher.link;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.TimeUnit;

import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.messaging.Accepted;
import org.apache.qpid.proton.amqp.messaging.Modified;
import org.apache.qpid.proton.amqp.messaging.Rejected;
import org.apache.qpid.proton.amqp.messaging.Released;
import org.apache.qpid.proton.amqp.messaging.Target;
import org.apache.qpid.proton.amqp.transport.DeliveryState;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.quarkus.logging.Log;
import io.vertx.amqp.AmqpClient;
import io.vertx.amqp.AmqpClientOptions;
import io.vertx.amqp.AmqpConnection;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.proton.ProtonConnection;
import io.vertx.proton.ProtonDelivery;
import io.vertx.proton.ProtonLinkOptions;
import io.vertx.proton.ProtonQoS;
import io.vertx.proton.ProtonSender;

/**
 * The state machine that owns one outgoing sender link and its connection.
 * <p>
 * A link route splices this sender through the router to the broker: when the broker dies the router
 * detaches the link (qd:routed-link-lost) but keeps the connection, and refuses new attaches
 * (qd:no-route-to-dest) until the broker is back. So the link is re-attached on the same connection
 * every sender-retry-interval, and every delivery not settled as ACCEPTED goes out again, in order,
 * before newer messages. A lost connection is reconnected with back-off.
 * <p>
 * Everything that touches AMQP objects or the queues runs on one Vert.x context; readers only see
 * {@link LinkStats}.
 */
public final class OutgoingLink implements Flow.Subscriber<Message<?>> {

    private static final int IDS_IN_SHUTDOWN_LOG = 10;
    /** The event loop marks it is alive this often; liveness fails after ten missed beats. */
    private static final long HEARTBEAT_MS = 1000;

    private final Vertx vertx;
    private final Context context;
    private final LinkSettings settings;
    private final AmqpClientOptions options;
    private final String prefix;
    private final String linkNamePrefix;
    private final LinkStats stats;
    private final Backlog backlog;
    private final InFlight inFlight = new InFlight();
    private final Symbol[] capabilities;
    private final LinkObserver observer;
    private String lossCondition = Condition.NONE;
    private String connectionLossCondition = Condition.NONE;

    private AmqpClient client;
    private AmqpConnection amqpConnection;
    private ProtonConnection connection;
    private long connectionGeneration;
    private boolean everConnected;
    private Duration reconnectDelay;

    private ProtonSender sender;
    private long linkGeneration;
    private boolean linkEverAttached;
    private boolean lostSinceAttach;
    private long attachTimer = -1;
    private long retryTimer = -1;
    private long connectTimer = -1;

    private String refusalCondition;
    private long refusalCount;
    private Instant refusalSince;
    private long lastRefusalLog;

    private final Queue<Message<?>> arrivals = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean arrivalsScheduled = new AtomicBoolean();
    private final int requestBatch;
    private Flow.Subscription subscription;
    private long requested;
    private long order;
    private int awaitingRedelivery;

    private volatile long lastBeat = System.nanoTime();

    private boolean stopping;
    private CompletableFuture<Void> stopped;
    private long drainTimer = -1;

    OutgoingLink(Vertx vertx, AmqpClientOptions options, LinkSettings settings, LinkObserver observer) {
        this.observer = observer;
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.options = options;
        this.settings = settings;
        this.prefix = "amqp-link[" + settings.channel() + "]";
        String container = options.getContainerId() != null ? options.getContainerId() : "publisher";
        this.linkNamePrefix = container + ":" + settings.channel() + ":" + settings.address();
        this.stats = new LinkStats(settings.bufferSize());
        this.backlog = new Backlog(settings.bufferSize());
        this.capabilities = settings.capabilities().stream().map(Symbol::valueOf).toArray(Symbol[]::new);
        this.reconnectDelay = settings.reconnectInitialDelay();
        this.requestBatch = Math.max(1, settings.bufferSize() / 4);
    }

    public String channel() {
        return settings.channel();
    }

    public String address() {
        return settings.address();
    }

    Duration drainTimeout() {
        return settings.drainTimeout();
    }

    public LinkStatus status() {
        return stats.snapshot();
    }

    /** Seconds spent without an attached link since start. */
    public double secondsWithoutLink() {
        return stats.secondsWithoutLink();
    }

    /** False once the link has given up for good (connection lost with reconnect disabled). */
    public boolean canRecover() {
        return stats.state() != LinkState.CLOSED || stopping;
    }

    /** False when the link's event loop has not run its heartbeat for ten beats: it cannot recover anything. */
    public boolean supervisorResponsive() {
        return System.nanoTime() - lastBeat < TimeUnit.MILLISECONDS.toNanos(HEARTBEAT_MS * 10);
    }

    void start() {
        context.runOnContext(v -> {
            vertx.setPeriodic(HEARTBEAT_MS, id -> lastBeat = System.nanoTime());
            client = AmqpClient.create(vertx, options);
            connect();
        });
    }

    // ---- the channel side -------------------------------------------------------------------

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        context.runOnContext(v -> {
            this.subscription = subscription;
            requestMore();
        });
    }

    @Override
    public void onNext(Message<?> message) {
        // one hop to the event loop per batch of arrivals, not per message
        arrivals.add(message);
        if (arrivalsScheduled.compareAndSet(false, true)) {
            context.runOnContext(v -> takeArrivals());
        }
    }

    private void takeArrivals() {
        arrivalsScheduled.set(false);
        Message<?> message;
        while ((message = arrivals.poll()) != null) {
            accept(message);
        }
        drain();
    }

    @Override
    public void onError(Throwable failure) {
        Log.errorf("%s channel failed upstream: %s", prefix, failure.toString());
    }

    @Override
    public void onComplete() {
        Log.debugf("%s channel completed", prefix);
    }

    private void accept(Message<?> message) {
        requested--;
        if (stopping) {
            message.nack(new DeliveryFailure("CLOSED", null, "the publisher is shutting down"));
            return;
        }
        String id = AmqpMessages.messageId(message);
        org.apache.qpid.proton.message.Message amqp;
        try {
            amqp = AmqpMessages.toAmqp(message, id, settings.durable());
        } catch (RuntimeException unencodable) {
            // never drop silently: the sender learns why through the nack
            Log.warnf("%s message %s cannot be encoded, not sent: %s", prefix, id, unencodable.toString());
            message.nack(unencodable);
            return;
        }
        backlog.add(new Pending(++order, message, amqp, id));
    }

    /** Asks the channel for as many messages as the backlog has room for: the emitter sees the rest as back-pressure. */
    private void requestMore() {
        if (subscription == null || stopping) {
            return;
        }
        long want = backlog.room() - awaitingRedelivery - requested;
        // top up in batches (a quarter of the buffer) rather than one request per message
        if (want > 0 && (requested == 0 || want >= requestBatch)) {
            requested += want;
            subscription.request(want);
        }
    }

    // ---- the connection ---------------------------------------------------------------------

    private void connect() {
        connectTimer = -1;
        if (stopping) {
            return;
        }
        long generation = ++connectionGeneration;
        client.connect(ar -> {
            if (generation != connectionGeneration || stopping) {
                if (ar.succeeded()) {
                    ar.result().close();
                }
                return;
            }
            if (ar.failed()) {
                Condition condition = Condition.of(ar.cause());
                stats.error(condition.name(), condition.description());
                scheduleReconnect("connection failed", condition);
                return;
            }
            amqpConnection = ar.result();
            connection = amqpConnection.unwrap();
            amqpConnection.exceptionHandler(failure -> onConnectionLost(generation, failure));
            if (everConnected) {
                stats.reconnects.incrementAndGet();
                observer.reconnected(settings.channel(), connectionLossCondition);
            }
            everConnected = true;
            reconnectDelay = settings.reconnectInitialDelay();
            Log.infof("%s connected to %s:%d as container %s", prefix, options.getHost(), options.getPort(),
                    connection.getContainer());
            attach();
        });
    }

    private void onConnectionLost(long generation, Throwable failure) {
        if (generation != connectionGeneration || stopping) {
            return;
        }
        Condition condition = connection != null && connection.getRemoteCondition() != null
                && connection.getRemoteCondition().getCondition() != null
                        ? Condition.of(connection.getRemoteCondition())
                        : new Condition(Condition.CONNECTION_LOST, failure.getMessage());
        int unsettled = abandonLink();
        connection = null;
        amqpConnection = null;
        connectionLossCondition = condition.name();
        lossCondition = condition.name();
        stats.error(condition.name(), condition.description());
        if (!settings.reconnect()) {
            Log.errorf("%s connection lost: %s; reconnect is disabled, giving up with %d messages undelivered",
                    prefix, condition, unsettled + backlog.size());
            stats.state(LinkState.CLOSED);
            failAll(new DeliveryFailure("CLOSED", condition, "connection lost and reconnect disabled"));
            return;
        }
        scheduleReconnect("connection lost (" + unsettled + " unsettled will be re-sent)", condition);
    }

    private void scheduleReconnect(String what, Condition condition) {
        stats.state(LinkState.DISCONNECTED);
        long delay = reconnectDelay.toMillis();
        Log.warnf("%s %s: %s; reconnect in %d ms (at %s)", prefix, what, condition, delay, at(delay));
        reconnectDelay = min(reconnectDelay.multipliedBy(2), settings.reconnectMaxDelay());
        connectTimer = vertx.setTimer(delay, id -> connect());
    }

    // ---- the sender link --------------------------------------------------------------------

    private void attach() {
        retryTimer = -1;
        if (stopping || connection == null) {
            return;
        }
        long generation = ++linkGeneration;
        ProtonSender link = connection.createSender(settings.address(),
                new ProtonLinkOptions().setLinkName(linkNamePrefix + ":" + generation));
        if (capabilities.length > 0) {
            ((Target) link.getTarget()).setCapabilities(capabilities);
        }
        link.setQoS(ProtonQoS.AT_LEAST_ONCE);
        link.openHandler(ar -> onAttach(generation, link, ar));
        link.closeHandler(ar -> onDetach(generation, link));
        link.detachHandler(ar -> onDetach(generation, link));
        sender = link;
        stats.attaches.incrementAndGet();
        if (stats.state() != LinkState.NO_ROUTE) {
            stats.state(LinkState.ATTACHING);
        }
        attachTimer = vertx.setTimer(settings.attachTimeout().toMillis(), id -> onAttachTimeout(generation));
        link.open();
    }

    private void onAttach(long generation, ProtonSender link, AsyncResult<ProtonSender> result) {
        if (generation != linkGeneration) {
            return;
        }
        if (result.failed() || link.getRemoteTarget() == null) {
            // A router refuses with an ATTACH without target and a DETACH right after: wait for the detach.
            Log.debugf("%s attach %s answered without target", prefix, link.getName());
            return;
        }
        cancel(attachTimer);
        attachTimer = -1;
        stats.state(LinkState.ATTACHED);
        if (lostSinceAttach) {
            stats.reattaches.incrementAndGet();
            observer.reattached(settings.channel(), lossCondition);
        }
        String after = refusalCount > 0 ? " after " + refusalCount + " refused attaches" : "";
        Log.infof("%s link attached to %s%s; %d to send (%d to re-send)", prefix, settings.address(), after,
                backlog.size(), backlog.resendCount());
        refusalCondition = null;
        refusalCount = 0;
        lostSinceAttach = false;
        linkEverAttached = true;
        link.sendQueueDrainHandler(s -> onCredit(generation));
    }

    private void onCredit(long generation) {
        if (generation != linkGeneration || sender == null) {
            return;
        }
        stats.credited(true);
        drain();
    }

    private void onDetach(long generation, ProtonSender link) {
        if (generation != linkGeneration) {
            link.close();
            link.free();
            return;
        }
        cancel(attachTimer);
        attachTimer = -1;
        Condition condition = Condition.of(link.getRemoteCondition());
        boolean wasAttached = stats.state() == LinkState.ATTACHED;
        sender = null;
        link.close();
        link.free();
        stats.error(condition.name(), condition.description());
        LinkState next = Condition.NO_ROUTE.equals(condition.name()) ? LinkState.NO_ROUTE : LinkState.DETACHED;
        if (wasAttached) {
            stats.linkLosses.incrementAndGet();
            lossCondition = condition.name();
            observer.linkLost(settings.channel(), condition.name());
            int unsettled = requeueInFlight();
            lostSinceAttach = true;
            stats.state(next);
            Log.warnf("%s link detached: %s; %d unsettled will be re-sent; retry in %d ms", prefix, condition,
                    unsettled, settings.senderRetryInterval().toMillis());
        } else {
            stats.refusedAttaches.incrementAndGet();
            observer.attachRefused(settings.channel(), condition.name());
            stats.state(next);
            logRefusal(condition);
        }
        if (stopping) {
            finishStop();
            return;
        }
        scheduleAttach();
    }

    private void onAttachTimeout(long generation) {
        if (generation != linkGeneration || sender == null) {
            return;
        }
        Log.warnf("%s attach %s not answered within %d ms; abandoning it, retry in %d ms", prefix,
                sender.getName(), settings.attachTimeout().toMillis(), settings.senderRetryInterval().toMillis());
        stats.error("attach-timeout", "no answer to ATTACH within " + settings.attachTimeout().toMillis() + " ms");
        abandonLink();
        stats.state(LinkState.DETACHED);
        scheduleAttach();
    }

    private void scheduleAttach() {
        cancel(retryTimer);
        retryTimer = vertx.setTimer(settings.senderRetryInterval().toMillis(), id -> attach());
    }

    /** Drops the current link (if any) locally; its in-flight deliveries go back to the backlog. */
    private int abandonLink() {
        linkGeneration++;
        cancel(attachTimer);
        cancel(retryTimer);
        attachTimer = -1;
        retryTimer = -1;
        if (sender != null) {
            ProtonSender old = sender;
            sender = null;
            if (connection != null && !connection.isDisconnected()) {
                old.close();
            }
        }
        if (linkEverAttached) {
            lostSinceAttach = true;
        }
        return requeueInFlight();
    }

    private int requeueInFlight() {
        List<Pending> unsettled = inFlight.takeAll();
        unsettled.forEach(backlog::resend);
        updateDepths();
        return unsettled.size();
    }

    private void logRefusal(Condition condition) {
        long now = System.currentTimeMillis();
        long retry = settings.senderRetryInterval().toMillis();
        if (!condition.name().equals(refusalCondition)) {
            refusalCondition = condition.name();
            refusalCount = 1;
            refusalSince = Instant.now();
            lastRefusalLog = now;
            Log.warnf("%s attach refused: %s; retry every %d ms (next at %s)", prefix, condition, retry, at(retry));
            return;
        }
        refusalCount++;
        if (now - lastRefusalLog >= settings.failureSummaryInterval().toMillis()) {
            lastRefusalLog = now;
            Log.warnf("%s still refused: %s, %d attaches refused since %s; retry every %d ms", prefix, condition,
                    refusalCount, refusalSince.truncatedTo(ChronoUnit.SECONDS), retry);
        } else {
            Log.debugf("%s attach refused again: %s (%d in a row)", prefix, condition, refusalCount);
        }
    }

    // ---- sending and outcomes ---------------------------------------------------------------

    private void drain() {
        ProtonSender link = sender;
        if (link != null && stats.state() == LinkState.ATTACHED) {
            while (!backlog.isEmpty() && !link.sendQueueFull()) {
                transfer(link, backlog.poll());
            }
        }
        updateDepths();
        requestMore();
    }

    private void transfer(ProtonSender link, Pending pending) {
        if (pending.transfers > 0) {
            stats.resent.incrementAndGet();
        }
        pending.transfers++;
        pending.sentAt = System.nanoTime();
        stats.sent.incrementAndGet();
        inFlight.add(pending);
        link.send(pending.amqp, delivery -> onOutcome(pending, delivery));
    }

    private void onOutcome(Pending pending, ProtonDelivery delivery) {
        DeliveryState state = delivery.getRemoteState();
        boolean terminal = state instanceof Accepted || state instanceof Rejected || state instanceof Released
                || state instanceof Modified;
        if (!terminal || !inFlight.settle(pending)) {
            return; // not final yet, or its link is gone and it waits to be re-sent
        }
        long latency = System.nanoTime() - pending.sentAt;
        if (state instanceof Accepted) {
            observer.settled(settings.channel(), "ACCEPTED", null, latency);
            stats.accepted();
            pending.message.ack();
        } else if (state instanceof Rejected rejected && Condition.isRoutingFailure(rejected.getError())) {
            // the router's own answer to a transfer that raced the loss of the route: counted and re-sent as RELEASED
            stats.released.incrementAndGet();
            observer.settled(settings.channel(), "RELEASED", null, latency);
            Log.warnf("%s message %s rejected by the router, not the broker: %s; it will be re-sent", prefix,
                    pending.messageId, Condition.of(rejected.getError()));
            redeliver(pending, "RELEASED");
        } else if (state instanceof Rejected rejected) {
            stats.rejected.incrementAndGet();
            Condition condition = Condition.of(rejected.getError());
            observer.settled(settings.channel(), "REJECTED", condition.name(), latency);
            stats.error(condition.name(), condition.description());
            Log.warnf("%s delivery rejected: %s; message %s is not re-sent", prefix, condition, pending.messageId);
            pending.message.nack(new DeliveryFailure("REJECTED", condition,
                    "rejected by the broker: " + condition));
        } else if (state instanceof Released) {
            stats.released.incrementAndGet();
            observer.settled(settings.channel(), "RELEASED", null, latency);
            redeliver(pending, "RELEASED");
        } else {
            stats.modified.incrementAndGet();
            observer.settled(settings.channel(), "MODIFIED", null, latency);
            redeliver(pending, "MODIFIED");
        }
        if (stopping) {
            checkDrained();
        } else {
            drain();
        }
    }

    /** RELEASED and MODIFIED mean "not taken, try again": re-send after a delay, a bounded number of times. */
    private void redeliver(Pending pending, String outcome) {
        pending.redeliveries++;
        if (pending.redeliveries > settings.maxRedeliveries() || stopping) {
            stats.failed.incrementAndGet();
            Log.warnf("%s message %s came back %s %d times; giving up on it", prefix, pending.messageId, outcome,
                    pending.redeliveries);
            pending.message.nack(new DeliveryFailure(outcome, null,
                    outcome + " " + pending.redeliveries + " times, max-redeliveries is " + settings.maxRedeliveries()));
            return;
        }
        Log.debugf("%s message %s %s; re-send in %d ms", prefix, pending.messageId, outcome,
                settings.redeliveryDelay().toMillis());
        awaitingRedelivery++;
        vertx.setTimer(settings.redeliveryDelay().toMillis(), id -> {
            awaitingRedelivery--;
            backlog.resend(pending);
            if (stopping) {
                checkDrained();
            } else {
                drain();
            }
        });
    }

    private void updateDepths() {
        stats.depths(backlog.size() + awaitingRedelivery, inFlight.size());
    }

    private void failAll(DeliveryFailure failure) {
        inFlight.takeAll().forEach(p -> p.message.nack(failure));
        backlog.drainTo(p -> p.message.nack(failure));
        updateDepths();
    }

    // ---- shutdown -----------------------------------------------------------------------------

    /**
     * Stops taking messages, waits up to the drain timeout for outstanding settlements, then detaches
     * and closes; logs what stayed unsettled.
     */
    CompletionStage<Void> stop() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        context.runOnContext(v -> {
            if (stopping) {
                stopped.whenComplete((r, t) -> done.complete(null));
                return;
            }
            stopping = true;
            stopped = done;
            cancel(retryTimer);
            cancel(connectTimer);
            if (subscription != null) {
                subscription.cancel();
            }
            Log.infof("%s stopping: %d in flight, %d buffered; waiting up to %d ms", prefix, inFlight.size(),
                    backlog.size(), settings.drainTimeout().toMillis());
            drainTimer = vertx.setTimer(settings.drainTimeout().toMillis(), id -> finishStop());
            checkDrained();
        });
        return done;
    }

    private void checkDrained() {
        if (inFlight.size() == 0 && (backlog.isEmpty() || sender == null) && awaitingRedelivery == 0) {
            finishStop();
        } else if (sender != null && stats.state() == LinkState.ATTACHED) {
            ProtonSender link = sender;
            while (!backlog.isEmpty() && !link.sendQueueFull()) {
                transfer(link, backlog.poll());
            }
        }
    }

    private void finishStop() {
        if (stopped == null || stopped.isDone()) {
            return;
        }
        cancel(drainTimer);
        cancel(attachTimer);
        int unsettled = inFlight.size();
        int buffered = backlog.size() + awaitingRedelivery;
        if (unsettled + buffered == 0) {
            Log.infof("%s stopped: every message settled", prefix);
        } else {
            Log.warnf("%s stopped with %d unsettled and %d unsent messages%s", prefix, unsettled, buffered,
                    unsettled > 0 && unsettled <= IDS_IN_SHUTDOWN_LOG ? ": unsettled ids " + inFlight.ids(IDS_IN_SHUTDOWN_LOG) : "");
        }
        failAll(new DeliveryFailure("CLOSED", null, "the publisher stopped before the broker settled it"));
        stats.state(LinkState.CLOSED);
        linkGeneration++;
        if (sender != null) {
            sender.close();
            sender = null;
        }
        CompletableFuture<Void> done = stopped;
        if (amqpConnection != null) {
            amqpConnection.close().onComplete(ar -> client.close().onComplete(x -> done.complete(null)));
            amqpConnection = null;
            connection = null;
        } else if (client != null) {
            client.close().onComplete(x -> done.complete(null));
        } else {
            done.complete(null);
        }
    }

    // ---- helpers ------------------------------------------------------------------------------

    private void cancel(long timer) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static LocalTime at(long delayMs) {
        return LocalTime.now().plus(delayMs, ChronoUnit.MILLIS).truncatedTo(ChronoUnit.MILLIS);
    }
}
