package io.github.linkroute.publisher.link;

import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;

import io.vertx.core.Vertx;

/** What every part of one link shares: its Vert.x, settings, stats, observer and log prefix. */
record LinkScope(Vertx vertx, LinkSettings settings, LinkStats stats, LinkObserver observer, String prefix) {

    static final long NO_TIMER = -1;

    /** A timer on the caller's context (the link's): every part of a link runs there. */
    long timer(Duration delay, Runnable action) {
        return vertx.setTimer(Math.max(1, delay.toMillis()), id -> action.run());
    }

    /** Cancels a timer if it is set; returns {@link #NO_TIMER} to store back. */
    long cancel(long timer) {
        if (timer != NO_TIMER) {
            vertx.cancelTimer(timer);
        }
        return NO_TIMER;
    }

    String channel() {
        return settings.channel();
    }

    /** The wall-clock time {@code delayMs} from now, for log lines announcing a retry. */
    static LocalTime at(long delayMs) {
        return LocalTime.now().plus(delayMs, ChronoUnit.MILLIS).truncatedTo(ChronoUnit.MILLIS);
    }
}
