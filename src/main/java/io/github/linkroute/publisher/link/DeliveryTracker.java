package io.github.linkroute.publisher.link;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.apache.qpid.proton.amqp.messaging.Rejected;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.github.linkroute.publisher.spool.LocalSpool;
import io.github.linkroute.publisher.spool.Spool;
import io.github.linkroute.publisher.spool.SpoolReceipt;
import io.github.linkroute.publisher.spool.SpooledMessage;
import io.quarkus.logging.Log;
import io.vertx.core.Context;
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
    /** Redelivery timers running, each holding one message. */
    private final Map<Long, Pending> redeliveryTimers = new HashMap<>();
    private final Spool spool;
    private final Context context;
    /** Spool ids of this run start above every earlier run's (and above what was recovered). */
    private final long spoolIdBase;
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
        long lastRecovered = 0;
        for (SpooledMessage spooled : spool.recovered()) {
            org.apache.qpid.proton.message.Message amqp = AmqpMessages.decode(spooled.amqp());
            backlog.add(new Pending(++order, recoveredMessage(spooled, recovered), amqp,
                    String.valueOf(amqp.getMessageId()), spooled.id(), spooled.sequence()));
            lastRecovered = spooled.id();
        }
        this.spoolIdBase = Math.max(lastRecovered, System.currentTimeMillis() * 1000);
        if (!spool.recovered().isEmpty()) {
            scope.observer().spoolRecovered(scope.channel(), spool.recovered().size(), Instant.ofEpochMilli(
                    spool.recovered().stream().mapToLong(SpooledMessage::takenAt).min().getAsLong()));
        }
        scope.stats().depths(waiting(), 0);
    }

    /** A recovered message has no sender waiting for it: its outcome goes to the listener. */
    private static Message<Long> recoveredMessage(SpooledMessage spooled, LocalSpool.RecoveredListener listener) {
        return Message.of(spooled.sequence())
                .withAck(() -> {
                    listener.settled(spooled, true);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    listener.settled(spooled, false);
                    return CompletableFuture.completedFuture(null);
                });
    }

    /**
     * Takes a new message, already encoded: onto the spool first, then (once on disk) behind everything
     * held. The sender's receipt completes when it is taken; a spool that cannot write refuses it.
     */
    void add(Message<?> message, org.apache.qpid.proton.message.Message amqp, byte[] bytes, String messageId) {
        Pending pending = new Pending(++order, message, amqp, messageId, spoolIdBase + order, AmqpMessages.sequence(amqp));
        Optional<SpoolReceipt> receipt = message.getMetadata(SpoolReceipt.class);
        storing++;
        spool.append(pending.spoolId, pending.sequence, bytes, new Spool.Callback() {
            @Override
            public void stored() {
                context.runOnContext(v -> {
                    storing--;
                    backlog.add(pending);
                    receipt.ifPresent(r -> r.stored().complete(null));
                    updateDepths();
                    changed.run();
                });
            }

            @Override
            public void failed(String reason) {
                context.runOnContext(v -> {
                    storing--;
                    scope.stats().failed(FailReason.SPOOL_UNUSABLE, 1);
                    DeliveryFailure notTaken = new DeliveryFailure(Outcome.CLOSED, null, "not taken: spool " + reason);
                    receipt.ifPresent(r -> r.stored().completeExceptionally(notTaken));
                    message.nack(notTaken);
                    changed.run();
                });
            }
        });
    }

    /** Room for new messages: the buffer's capacity less what it holds, on its way to disk, in it or in redelivery timers. */
    long room() {
        return spool.failure() != null ? 0 : backlog.room() - redeliveryTimers.size() - storing;
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
        return backlog.size() + redeliveryTimers.size();
    }

    int resends() {
        return backlog.resendCount();
    }

    boolean backlogEmpty() {
        return backlog.isEmpty();
    }

    boolean redeliveriesPending() {
        return !redeliveryTimers.isEmpty();
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
        redeliveryTimers.forEach((timer, p) -> {
            scope.cancel(timer);
            held.add(p);
        });
        redeliveryTimers.clear();
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
                spool.remove(pending.spoolId, pending.sequence);
                scope.observer().settled(scope.channel(), outcome, null, latency);
                stats.accepted();
                pending.message.ack();
            }
            case REJECTED -> {
                spool.remove(pending.spoolId, pending.sequence);
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
                redeliver(pending, outcome);
            }
            default -> throw new IllegalStateException("not a peer outcome: " + outcome);
        }
        updateDepths();
        changed.run();
    }

    /** RELEASED and MODIFIED mean "not taken, try again": re-send after a delay, a bounded number of times. */
    private void redeliver(Pending pending, Outcome outcome) {
        pending.redeliveries++;
        int max = scope.settings().maxRedeliveries();
        if (scope.stats().isStopping()) {
            if (keepsOnDisk()) {
                return; // stays in the spool for the next start
            }
            scope.stats().failed(FailReason.SHUTDOWN, 1);
            pending.message.nack(new DeliveryFailure(outcome, null, outcome + " while the publisher stops"));
            return;
        }
        if (pending.redeliveries > max) {
            spool.remove(pending.spoolId, pending.sequence);
            scope.stats().failed(FailReason.MAX_REDELIVERIES, 1);
            Log.warnf("%s message %s came back %s %d times; giving up on it", scope.prefix(), pending.messageId,
                    outcome, pending.redeliveries);
            pending.message.nack(new DeliveryFailure(outcome, null,
                    outcome + " " + pending.redeliveries + " times, max-redeliveries is " + max));
            return;
        }
        Log.debugf("%s message %s %s; re-send in %d ms", scope.prefix(), pending.messageId, outcome,
                scope.settings().redeliveryDelay().toMillis());
        long[] timer = new long[1];
        timer[0] = scope.timer(scope.settings().redeliveryDelay(), () -> {
            redeliveryTimers.remove(timer[0]);
            backlog.resend(pending);
            updateDepths();
            changed.run();
        });
        redeliveryTimers.put(timer[0], pending);
    }

    private void updateDepths() {
        scope.stats().depths(waiting(), inFlight.size());
    }
}
