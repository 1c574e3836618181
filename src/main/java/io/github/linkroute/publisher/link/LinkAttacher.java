package io.github.linkroute.publisher.link;

import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.messaging.Target;

import io.quarkus.logging.Log;
import io.vertx.core.AsyncResult;
import io.vertx.proton.ProtonConnection;
import io.vertx.proton.ProtonLinkOptions;
import io.vertx.proton.ProtonQoS;
import io.vertx.proton.ProtonSender;

/**
 * Attaches the sender link (a fresh name each time), bounds each attach with the attach timeout and
 * re-attaches after the sender-retry interval. Answers from an abandoned attach are ignored.
 */
final class LinkAttacher {

    /** What the attacher reports, on the link's context. */
    interface Listener {

        /** An ATTACH is about to go on the wire. */
        void attachSent();

        /** The peer answered with a target: the link is attached (credit may follow). */
        void attached(ProtonSender sender, long refusedBefore);

        /** The peer granted credit (vertx-proton's "send queue drain" handler, which fires on credit). */
        void credited();

        /** The peer refused the attach ({@code wasAttached} false) or detached the attached link. */
        void detached(Condition condition, boolean wasAttached);

        /** No answer to the ATTACH within the attach timeout; the attach was abandoned. */
        void attachTimedOut();
    }

    private final LinkScope scope;
    private final Listener listener;
    private final String linkNamePrefix;
    private final Symbol[] capabilities;
    private final RefusalLog refusals;
    private ProtonSender sender;
    private boolean attached;
    private boolean everAttached;
    private boolean lostSinceAttach;
    /** Why the last attached link went: tags the re-attach that follows. */
    private String lossCondition = Condition.NONE;
    private long generation;
    private long attachTimer = LinkScope.NO_TIMER;
    private long retryTimer = LinkScope.NO_TIMER;

    LinkAttacher(LinkScope scope, String containerId, Listener listener) {
        this.scope = scope;
        this.listener = listener;
        this.linkNamePrefix = containerId + ":" + scope.channel() + ":" + scope.settings().address();
        this.capabilities = scope.settings().capabilities().stream().map(Symbol::valueOf).toArray(Symbol[]::new);
        this.refusals = new RefusalLog(scope);
    }

    /** The attached sender, or null while none is attached. */
    ProtonSender sender() {
        return attached ? sender : null;
    }

    /** Sends an ATTACH on {@code connection}, under a name never used before. */
    void attach(ProtonConnection connection) {
        retryTimer = scope.cancel(retryTimer);
        long attempt = ++generation;
        ProtonSender link = connection.createSender(scope.settings().address(),
                new ProtonLinkOptions().setLinkName(linkNamePrefix + ":" + attempt));
        if (capabilities.length > 0) {
            ((Target) link.getTarget()).setCapabilities(capabilities);
        }
        link.setQoS(ProtonQoS.AT_LEAST_ONCE);
        link.openHandler(ar -> onAttach(attempt, link, ar));
        link.closeHandler(ar -> onDetach(attempt, link));
        link.detachHandler(ar -> onDetach(attempt, link));
        sender = link;
        attached = false;
        scope.stats().attaches.incrementAndGet();
        attachTimer = scope.timer(scope.settings().attachTimeout(), () -> onAttachTimeout(attempt));
        listener.attachSent();
        link.open();
    }

    private void onAttach(long attempt, ProtonSender link, AsyncResult<ProtonSender> result) {
        if (attempt != generation) {
            return;
        }
        if (result.failed() || link.getRemoteTarget() == null) {
            // A router refuses with an ATTACH without target and a DETACH right after: wait for the detach.
            Log.debugf("%s attach %s answered without target", scope.prefix(), link.getName());
            return;
        }
        attachTimer = scope.cancel(attachTimer);
        attached = true;
        everAttached = true;
        if (lostSinceAttach) {
            lostSinceAttach = false;
            scope.stats().reattaches.incrementAndGet();
            scope.observer().reattached(scope.channel(), lossCondition);
        }
        listener.attached(link, refusals.attached());
        link.sendQueueDrainHandler(s -> {
            if (attempt == generation) {
                listener.credited();
            }
        });
    }

    private void onDetach(long attempt, ProtonSender link) {
        link.close();
        link.free();
        if (attempt != generation) {
            return;
        }
        attachTimer = scope.cancel(attachTimer);
        boolean wasAttached = attached;
        sender = null;
        attached = false;
        generation++;
        Condition condition = Condition.of(link.getRemoteCondition());
        if (wasAttached) {
            lost(condition.name());
            scope.stats().linkLosses.incrementAndGet();
            scope.observer().linkLost(scope.channel(), condition.name());
        } else {
            scope.stats().refusedAttaches.incrementAndGet();
            scope.observer().attachRefused(scope.channel(), condition.name());
        }
        listener.detached(condition, wasAttached);
        if (!wasAttached) {
            refusals.refused(condition);
        }
    }

    private void onAttachTimeout(long attempt) {
        attachTimer = LinkScope.NO_TIMER;
        if (attempt != generation || sender == null) {
            return;
        }
        Log.warnf("%s attach %s not answered within %d ms; abandoning it, retry in %d ms", scope.prefix(),
                sender.getName(), scope.settings().attachTimeout().toMillis(),
                scope.settings().senderRetryInterval().toMillis());
        listener.attachTimedOut();
    }

    /** Schedules the next attach after the sender-retry interval. */
    void attachLater(ProtonConnection connection) {
        retryTimer = scope.cancel(retryTimer);
        retryTimer = scope.timer(scope.settings().senderRetryInterval(), () -> {
            retryTimer = LinkScope.NO_TIMER;
            if (connection.isDisconnected()) {
                return;
            }
            attach(connection);
        });
    }

    /**
     * Drops the current link locally (if any) and cancels both timers; answers to it are ignored from
     * now on. Sends a DETACH when {@code connectionOpen}.
     */
    void abandon(boolean connectionOpen) {
        generation++;
        attachTimer = scope.cancel(attachTimer);
        retryTimer = scope.cancel(retryTimer);
        ProtonSender old = sender;
        sender = null;
        attached = false;
        if (everAttached) {
            lostSinceAttach = true;
        }
        if (old != null && connectionOpen) {
            old.close();
        }
    }

    /** The attached link (or its connection) was lost with {@code condition}: the next attach is a re-attach. */
    void lost(String condition) {
        lossCondition = condition;
        if (everAttached) {
            lostSinceAttach = true;
        }
    }

    /** Stops re-attaching (shutdown): the retry timer is cancelled, the current link kept for the drain. */
    void stopRetrying() {
        retryTimer = scope.cancel(retryTimer);
    }
}
