package io.github.linkroute.publisher.link;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.quarkus.logging.Log;

/**
 * Logs failed connects once per condition change, then a summary every failure-summary-interval: one
 * line per condition, not one per attempt, through a long outage.
 */
final class ConnectFailureLog {

    private final LinkScope scope;
    private String condition;
    private long failures;
    private Instant since;
    private long lastLog;

    ConnectFailureLog(LinkScope scope) {
        this.scope = scope;
    }

    /** One failed connect: {@code what} happened, {@code next} is what the supervisor does about it. */
    void failed(String what, Condition failure, String next) {
        long now = System.currentTimeMillis();
        if (!failure.name().equals(condition)) {
            condition = failure.name();
            since = Instant.now();
            failures = 1;
            lastLog = now;
            Log.warnf("%s %s: %s; %s", scope.prefix(), what, failure, next);
            return;
        }
        failures++;
        if (now - lastLog >= scope.settings().failureSummaryInterval().toMillis()) {
            lastLog = now;
            Log.warnf("%s still failing: %s, %d failed connects since %s; %s", scope.prefix(), failure, failures,
                    since.truncatedTo(ChronoUnit.SECONDS), next);
        } else {
            Log.debugf("%s %s: %s; %s", scope.prefix(), what, failure, next);
        }
    }

    /** Connected: returns " after N failed connects" for the log line (empty after one or none), and resets. */
    String connected() {
        String after = failures > 1 ? " after " + failures + " failed connects" : "";
        condition = null;
        failures = 0;
        return after;
    }
}
