package io.github.linkroute.publisher.messaging;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.github.linkroute.publisher.config.PublisherConfig;
import io.github.linkroute.publisher.spool.LocalSpool;
import io.github.linkroute.publisher.spool.Spool;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Vertx;

/**
 * Publishes BURST messages every INTERVAL, COUNT in all (0 = without end), as the C++ demo's sender does.
 * Each message has a unique id and a {@code sequence} property. When the connector has no room
 * (link down and buffer full) it holds off instead of dropping: the next tick tries again.
 */
@ApplicationScoped
public class ScheduledPublisher {

    private final MessagePublisher publisher;
    private final PublisherConfig config;
    private final Vertx vertx;
    private long timer = -1;
    private final AtomicLong emitted = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    /** Messages of the emitter not settled yet, including those recovered from the spool. */
    private final AtomicLong outstanding = new AtomicLong();
    private final LocalSpool spool;
    private final AtomicBoolean doneReported = new AtomicBoolean();
    private final AtomicBoolean holdingOff = new AtomicBoolean();
    private volatile boolean paused;
    private volatile boolean stopping;
    /** Messages given up after shutdown began, by reason, until reported; guarded by this. */
    private final Map<String, Long> failedAtShutdown = new TreeMap<>();

    ScheduledPublisher(MessagePublisher publisher, PublisherConfig config, Vertx vertx, LocalSpool spool) {
        this.publisher = publisher;
        this.config = config;
        this.vertx = vertx;
        this.spool = spool;
    }

    void start(@Observes StartupEvent event) {
        if (!config.emitterEnabled()) {
            Log.info("emitter: disabled (publisher.emitter-enabled=false)");
            return;
        }
        // a restart continues the sequence: a number once taken is never used for another message
        Spool taken = spool.spool();
        emitted.set(taken.highestSequence());
        outstanding.set(taken.recovered().stream().filter(m -> m.sequence() > 0).count());
        spool.onRecoveredSettled((message, ok) -> {
            if (message.sequence() > 0) {
                settled(message.sequence(), ok ? null : new IllegalStateException("a recovered message was not accepted"));
            }
        });
        if (config.count() > 0 && emitted.get() >= config.count() && outstanding.get() == 0) {
            Log.infof("emitter: all %d messages were accepted before this start; nothing left to send", config.count());
            doneReported.set(true);
            exitIfDone(0);
            return;
        }
        Log.infof("emitter: %d message(s) every %d ms, %s%s", config.burst(), config.interval().toMillis(),
                config.count() == 0 ? "without end" : config.count() + " in all",
                emitted.get() > 0 ? ", continuing after sequence " + emitted.get() : "");
        // a Vert.x timer, not the Quarkus scheduler: the demo's intervals are milliseconds
        timer = vertx.setPeriodic(config.interval().toMillis(), id -> tick());
    }

    void stop(@Observes ShutdownEvent event) {
        // before the connector's drain: what it gives up from here on is summed up, not logged one by one
        stopping = true;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** The last word if some were given up at shutdown and others are still out (then no summary came yet). */
    @PreDestroy
    void destroyed() {
        reportShutdownFailures();
    }

    /** One burst; the periodic timer never runs it twice at once, so the sequence has no gaps. */
    void tick() {
        if (paused) {
            return;
        }
        for (int i = 0; i < config.burst(); i++) {
            long next = emitted.get() + 1;
            if (config.count() > 0 && next > config.count()) {
                vertx.cancelTimer(timer);
                return;
            }
            if (!publisher.hasRoom() || !send(next)) {
                if (holdingOff.compareAndSet(false, true)) {
                    String spoolFailure = spool.status().failure();
                    Optional<String> refusal = publisher.refusal();
                    if (refusal.isPresent()) {
                        // the link gave up for good: a run-once job must not wait for ever
                        Log.errorf("emitter: stopped at sequence %d: %s", next, refusal.get());
                        vertx.cancelTimer(timer);
                        exitIfDone(1);
                    } else if (spoolFailure != null) {
                        Log.errorf("emitter: holding off at sequence %d: the spool takes nothing (%s)", next, spoolFailure);
                    } else {
                        Log.warnf("emitter: buffer full, holding off at sequence %d until the link takes messages", next);
                    }
                }
                return;
            }
            emitted.set(next);
            checkAllAccepted();
            if (holdingOff.compareAndSet(true, false)) {
                Log.infof("emitter: buffer has room again, resumed at sequence %d", next);
            }
        }
    }

    private boolean send(long sequence) {
        outstanding.incrementAndGet();
        boolean taken = publisher.publish("message " + sequence, Map.of(Channels.SEQUENCE_PROPERTY, sequence))
                .map(published -> published.outcome().whenComplete((ok, failure) -> settled(sequence, failure)))
                .isPresent();
        if (!taken) {
            outstanding.decrementAndGet();
        }
        return taken;
    }

    /** One of the emitter's messages (of this run, or recovered from the spool) is settled. */
    private void settled(long sequence, Throwable failure) {
        if (failure == null) {
            accepted.incrementAndGet();
        } else {
            failed.incrementAndGet();
            if (stopping) {
                synchronized (this) {
                    failedAtShutdown.merge(String.valueOf(failure.getMessage()), 1L, Long::sum);
                }
            } else {
                Log.warnf("emitter: message %d not accepted: %s", sequence, failure.getMessage());
            }
        }
        if (outstanding.decrementAndGet() == 0 && stopping) {
            reportShutdownFailures();
        }
        checkAllAccepted();
    }

    /**
     * One line for all the messages given up at shutdown (with the spool off and the link down that is
     * the whole buffer, a thousand messages or more), by reason.
     */
    private synchronized void reportShutdownFailures() {
        if (failedAtShutdown.isEmpty()) {
            return;
        }
        long total = failedAtShutdown.values().stream().mapToLong(Long::longValue).sum();
        String reasons = failedAtShutdown.size() == 1 ? failedAtShutdown.keySet().iterator().next()
                : failedAtShutdown.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                        .collect(Collectors.joining("; "));
        failedAtShutdown.clear();
        Log.warnf("emitter: %d messages not accepted at shutdown: %s", total, reasons);
    }

    /**
     * In count mode, once every one of the N is settled: says that all N are accepted (the demo's last
     * line), even across a restart; in run-once mode, exits.
     */
    private void checkAllAccepted() {
        if (config.count() == 0 || outstanding.get() > 0 || emitted.get() < config.count()
                || !doneReported.compareAndSet(false, true)) {
            return;
        }
        if (failed.get() == 0) {
            Log.infof("emitter: all %d messages accepted", config.count());
            exitIfDone(0);
        } else {
            Log.errorf("emitter: done with %d messages: %d accepted, %d not accepted (rejected or given up; see above)",
                    config.count(), accepted.get(), failed.get());
            exitIfDone(1);
        }
    }

    private void exitIfDone(int code) {
        if (config.exitWhenDone()) {
            Log.infof("emitter: exiting with %d (publisher.exit-when-done)", code);
            Quarkus.asyncExit(code);
        }
    }

    public void pause() {
        paused = true;
    }

    public void resume() {
        paused = false;
    }

    public boolean enabled() {
        return config.emitterEnabled();
    }

    public boolean paused() {
        return paused;
    }

    public long emitted() {
        return emitted.get();
    }

    public long accepted() {
        return accepted.get();
    }
}
