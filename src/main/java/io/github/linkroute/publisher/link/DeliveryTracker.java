package io.github.linkroute.publisher.link;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.qpid.proton.amqp.messaging.Rejected;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.quarkus.logging.Log;
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
    private long order;

    /** {@code changed} runs after an outcome or a redelivery timer: the link decides what to send next. */
    DeliveryTracker(LinkScope scope, Runnable changed) {
        this.scope = scope;
        this.changed = changed;
        this.backlog = new Backlog(scope.settings().bufferSize());
    }

    /** Takes a new message, already encoded, behind everything held. */
    void add(Message<?> message, org.apache.qpid.proton.message.Message amqp, String messageId) {
        backlog.add(new Pending(++order, message, amqp, messageId));
    }

    /** Room for new messages: the buffer's capacity less what it holds, in it or in redelivery timers. */
    long room() {
        return backlog.room() - redeliveryTimers.size();
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

    /** Nacks everything held: in flight, in the backlog, and in redelivery timers (which are cancelled). */
    void failAll(DeliveryFailure failure) {
        inFlight.takeAll().forEach(p -> p.message.nack(failure));
        backlog.removeEach(p -> p.message.nack(failure));
        redeliveryTimers.forEach((timer, p) -> {
            scope.cancel(timer);
            p.message.nack(failure);
        });
        redeliveryTimers.clear();
        updateDepths();
    }

    private void transfer(ProtonSender link, Pending pending) {
        if (pending.transfers > 0) {
            scope.stats().resent.incrementAndGet();
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
                scope.observer().settled(scope.channel(), outcome, null, latency);
                stats.accepted();
                pending.message.ack();
            }
            case REJECTED -> {
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
        if (pending.redeliveries > max || scope.stats().isStopping()) {
            scope.stats().failed.incrementAndGet();
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
