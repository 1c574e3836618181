package io.github.linkroute.publisher.spool;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.github.linkroute.publisher.config.PublisherConfig;
import io.quarkus.logging.Log;

/**
 * The service's one spool, opened on first use: by the connector (which re-sends what it recovered) and by
 * the emitter (which continues its sequence). A locked or incompatible spool stops start-up; a directory
 * that cannot be written leaves the service up but taking nothing (readiness DOWN, REST 503).
 */
@ApplicationScoped
public class LocalSpool {

    /** Told when a message recovered from the spool is settled: the emitter counts its own. */
    public interface RecoveredListener {
        void settled(SpooledMessage message, boolean accepted);
    }

    private final PublisherConfig.Spool config;
    private final List<RecoveredListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong recoveredSettled = new AtomicLong();
    private Spool spool;
    private boolean closed;
    private SpoolStatus.Recovery recovery;

    LocalSpool(PublisherConfig config) {
        this.config = config.spool();
    }

    /** The spool, opened (and read back) on the first call. */
    public synchronized Spool spool() {
        if (spool == null) {
            spool = open();
        }
        return spool;
    }

    private Spool open() {
        if (!config.enabled()) {
            Log.info("spool: disabled (publisher.spool.enabled=false): held messages live in memory only");
            recovery = new SpoolStatus.Recovery(0, null, 0);
            return Spool.none();
        }
        Spool opened;
        try {
            opened = SpoolStore.open(Path.of(config.dir()));
        } catch (SpoolUnavailableException e) {
            Log.errorf("spool: %s; no message is taken until it is fixed and the service restarted", e.getMessage());
            recovery = new SpoolStatus.Recovery(0, null, 0);
            return Spool.failed(e.getMessage());
        }
        List<SpooledMessage> recovered = opened.recovered();
        Instant oldest = recovered.isEmpty() ? null
                : Instant.ofEpochMilli(recovered.stream().mapToLong(SpooledMessage::takenAt).min().getAsLong());
        recovery = new SpoolStatus.Recovery(recovered.size(), oldest, 0);
        if (recovered.isEmpty()) {
            Log.infof("spool: %s, empty", opened.directory());
        } else {
            Log.infof("spool: %d messages recovered from %s, the oldest taken %s ago; they are sent first, in order",
                    recovered.size(), opened.directory(), age(Duration.between(oldest, Instant.now())));
        }
        return opened;
    }

    private static String age(Duration age) {
        long seconds = age.toSeconds();
        return seconds < 120 ? seconds + " s" : seconds < 7200 ? age.toMinutes() + " min" : age.toHours() + " h";
    }

    /** Called by the link when a recovered message is settled. */
    public void recoveredSettled(SpooledMessage message, boolean accepted) {
        recoveredSettled.incrementAndGet();
        listeners.forEach(l -> l.settled(message, accepted));
    }

    public void onRecoveredSettled(RecoveredListener listener) {
        listeners.add(listener);
    }

    /** What readers (status, health, metrics) see. */
    public SpoolStatus status() {
        Spool current;
        SpoolStatus.Recovery recovered;
        synchronized (this) {
            current = spool;
            recovered = recovery;
        }
        if (current == null) {
            return new SpoolStatus(config.enabled(), config.dir(), 0, null, null);
        }
        Path dir = current.directory();
        return new SpoolStatus(config.enabled(), dir == null ? config.dir() : dir.toString(), current.depth(),
                current.failure(), recovered == null ? null
                        : new SpoolStatus.Recovery(recovered.messages(), recovered.oldestTakenAt(), recoveredSettled.get()));
    }

    /** Closes the spool once the links are stopped (their last settlements are written first). */
    @PreDestroy
    public synchronized void close() {
        if (spool != null && !closed) {
            closed = true;
            spool.close();
        }
    }
}
