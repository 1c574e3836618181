package io.github.linkroute.publisher.link;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.qpid.proton.amqp.messaging.Rejected;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.github.linkroute.publisher.spool.LocalSpool;
import io.github.linkroute.publisher.spool.Spool;
import io.github.linkroute.publisher.spool.SpoolReceipt;
import io.github.linkroute.publisher.spool.SpooledMessage;
import io.quarkus.logging.Log;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.proton.ProtonDelivery;
import io.vertx.proton.ProtonSender;

/**
 * Every message the link holds, from arrival to outcome: the backlog (waiting for credit), the
 * deliveries in flight, and those waiting in a redelivery timer after RELEASED or MODIFIED.
 */
final class DeliveryTracker {

    private final LinkScope scope;
    private final Runnable changed;
    private final Backlog backlog;
    private final InFlight inFlight = new InFlight();
    private final Redeliveries redeliveries;
    private final Spool spool;
    private final Context context;
    /** Spool ids of this run start above every earlier run's (and above what was recovered). */
    private final long spoolIdBase;
    /** The spool answers on its own thread, in append order. */
    private final ContextHop<Runnable> spoolAnswers;
    private boolean spoolFlushScheduled;
    /** Messages handed to the spool and not yet on disk: they count against the buffer. */
    private int storing;
    private long order;

    /**
     * {@code changed} runs after an outcome, a redelivery timer or a store: the link decides what to send
     * next. What the spool recovered goes first, in its original order; {@code recovered} hears its outcomes.
     */
    DeliveryTracker(LinkScope scope, Context context, Spool spool, LocalSpool.RecoveredListener recovered,
            Runnable changed) {
        this.scope = scope;
        this.context = context;
        this.spool = spool;
        this.changed = changed;
        this.backlog = new Backlog(scope.settings().bufferSize());
        this.spoolAnswers = new ContextHop<>(context, Runnable::run, () -> {
            updateDepths();
            changed.run();
        });
        this.redeliveries = new Redeliveries(scope, new Redeliveries.Handler() {
            @Override
            public void due(Pending pending) {
                backlog.resend(pending);
                updateDepths();
                changed.run();
            }

            @Override
            public void giveUp(Pending pending, FailReason reason, DeliveryFailure failure) {
                if (reason == FailReason.MAX_REDELIVERIES) {
                    removeFromSpool(pending);
                }
                scope.stats().failed(reason, 1);
                pending.message.nack(failure);
            }
        });
        List<Pending> recoveredFirst = RecoveredMessages.of(spool.recovered(), recovered);
        recoveredFirst.forEach(backlog::add);
        order = recoveredFirst.size();
        long lastRecovered = spool.recovered().isEmpty() ? 0 : spool.recovered().get(spool.recovered().size() - 1).id();
        this.spoolIdBase = Math.max(lastRecovered, System.currentTimeMillis() * 1000);
        if (!spool.recovered().isEmpty()) {
            scope.observer().spoolRecovered(scope.channel(), spool.recovered().size(), Instant.ofEpochMilli(
                    spool.recovered().stream().mapToLong(SpooledMessage::takenAt).min().getAsLong()));
        }
        scope.stats().depths(waiting(), 0);
    }

    /**
     * Takes a new message, already encoded: onto the spool first, then (once on disk) behind everything
     * held. The sender's receipt completes when it is taken; a spool that cannot write refuses it.
     */
    void add(Message<?> message, org.apache.qpid.proton.message.Message amqp, byte[] bytes, String messageId) {
        Pending pending = new Pending(++order, message, new PreEncodedMessage(bytes), messageId, spoolIdBase + order,
                AmqpMessages.sequence(amqp));
        Optional<SpoolReceipt> receipt = message.getMetadata(SpoolReceipt.class);
        storing++;
        spool.append(pending.spoolId, pending.sequence, bytes, new Spool.Callback() {
            @Override
            public void stored() {
                fromSpool(() -> {
                    storing--;
                    backlog.add(pending);
                    receipt.ifPresent(r -> r.stored().complete(null));
                });
            }

            @Override
            public void failed(String reason) {
                fromSpool(() -> {
                    storing--;
                    scope.stats().failed(FailReason.SPOOL_UNUSABLE, 1);
                    DeliveryFailure notTaken = new DeliveryFailure(Outcome.CLOSED, null, "not taken: spool " + reason);
                    receipt.ifPresent(r -> r.stored().completeExceptionally(notTaken));
                    message.nack(notTaken);
                });
            }
        });
    }

    /** An answer given at once on the context (no spool) is taken inline: the caller sends after its batch. */
    private void fromSpool(Runnable answer) {
        if (Vertx.currentContext() == context) {
            answer.run();
            updateDepths();
        } else {
            spoolAnswers.add(answer);
        }
    }

    /** After a batch of arrivals: what was appended goes to disk as one record. */
    void endOfArrivals() {
        spool.flush();
    }

    /** A message left the spool: its settlement is written with the others of this turn of the event loop. */
    private void removeFromSpool(Pending pending) {
        spool.remove(pending.spoolId, pending.sequence);
        if (!spoolFlushScheduled) {
            spoolFlushScheduled = true;
            context.runOnContext(v -> {
                spoolFlushScheduled = false;
                spool.flush();
            });
        }
    }

    /** Room for new messages: the buffer's capacity less what it holds, on its way to disk, in it or in redelivery timers. */
    long room() {
        return spool.failure() != null ? 0 : backlog.room() - redeliveries.size() - storing;
    }

    /** Sends what the link's credit allows, re-sends first. */
    void flush(ProtonSender link) {
        boolean progressed = false;
        while (!backlog.isEmpty() && !link.sendQueueFull()) {
            transfer(link, backlog.poll());
            progressed = true;
        }
        scope.stats().creditWait(!backlog.isEmpty(), progressed);
        updateDepths();
    }

    /** Takes back every delivery in flight (its link is gone) to be re-sent first; returns how many. */
    int requeueInFlight() {
        List<Pending> unsettled = inFlight.takeAll();
        unsettled.forEach(backlog::resend);
        updateDepths();
        return unsettled.size();
    }

    int inFlight() {
        return inFlight.size();
    }

    /** Messages held and not on the wire: in the backlog or in a redelivery timer. */
    int waiting() {
        return backlog.size() + redeliveries.size();
    }

    int resends() {
        return backlog.resendCount();
    }

    boolean backlogEmpty() {
        return backlog.isEmpty();
    }

    boolean redeliveriesPending() {
        return redeliveries.size() > 0;
    }

    List<String> inFlightIds(int max) {
        return inFlight.ids(max);
    }

    /**
     * Lets go of everything held: in flight, in the backlog, and in redelivery timers (which are
     * cancelled). With a spool on disk it all stays there for the next start and nothing is nacked;
     * without one each message is nacked with {@code failure} and counted failed for {@code reason}.
     * Returns how many were let go.
     */
    int letGo(DeliveryFailure failure, FailReason reason) {
        List<Pending> held = new ArrayList<>(inFlight.takeAll());
        backlog.removeEach(held::add);
        redeliveries.takeAll(held::add);
        if (!keepsOnDisk()) {
            held.forEach(p -> p.message.nack(failure));
            scope.stats().failed(reason, held.size());
        }
        updateDepths();
        return held.size();
    }

    /** Whether what is held survives a stop: a working spool on disk. */
    boolean keepsOnDisk() {
        return spool.directory() != null && spool.failure() == null;
    }

    private void transfer(ProtonSender link, Pending pending) {
        if (pending.transfers > 0) {
            scope.stats().resent.incrementAndGet();
            int transfer = pending.transfers + 1;
            pending.message.getMetadata(DeliveryListener.class).ifPresent(l -> l.resent(transfer));
        }
        pending.transfers++;
        pending.sentAt = System.nanoTime();
        scope.stats().sent.incrementAndGet();
        inFlight.add(pending);
        link.send(pending.amqp, delivery -> onOutcome(pending, delivery));
    }

    private void onOutcome(Pending pending, ProtonDelivery delivery) {
        Outcome outcome = Outcome.of(delivery.getRemoteState());
        if (outcome == null || !inFlight.settle(pending)) {
            return; // not final yet, or its link is gone and it waits to be re-sent
        }
        long latency = System.nanoTime() - pending.sentAt;
        LinkStats stats = scope.stats();
        switch (outcome) {
            case ACCEPTED -> {
                removeFromSpool(pending);
                scope.observer().settled(scope.channel(), outcome, null, latency);
                stats.accepted();
                pending.message.ack();
            }
            case REJECTED -> {
                removeFromSpool(pending);
                stats.rejected.incrementAndGet();
                Condition condition = Condition.of(((Rejected) delivery.getRemoteState()).getError());
                scope.observer().settled(scope.channel(), outcome, condition.name(), latency);
                stats.error(condition.name(), condition.description());
                Log.warnf("%s delivery rejected: %s; message %s is not re-sent", scope.prefix(), condition,
                        pending.messageId);
                pending.message.nack(new DeliveryFailure(Outcome.REJECTED, condition,
                        "rejected by the broker: " + condition));
            }
            case RELEASED, MODIFIED -> {
                if (delivery.getRemoteState() instanceof Rejected byRouter) {
                    Log.warnf("%s message %s rejected by the router, not the broker: %s; it will be re-sent",
                            scope.prefix(), pending.messageId, Condition.of(byRouter.getError()));
                }
                (outcome == Outcome.RELEASED ? stats.released : stats.modified).incrementAndGet();
                scope.observer().settled(scope.channel(), outcome, null, latency);
                redeliveries.cameBack(pending, outcome, keepsOnDisk());
            }
            default -> throw new IllegalStateException("not a peer outcome: " + outcome);
        }
        updateDepths();
        changed.run();
    }

    private void updateDepths() {
        scope.stats().depths(waiting(), inFlight.size());
    }
}
