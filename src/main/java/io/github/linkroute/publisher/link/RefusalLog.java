package io.github.linkroute.publisher.link;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.quarkus.logging.Log;

/** Logs refused attaches once per condition change, then a summary now and then: no line every 2 s through an outage. */
final class RefusalLog {

    private final LinkScope scope;
    private String condition;
    private long count;
    private Instant since;
    private long lastLog;

    RefusalLog(LinkScope scope) {
        this.scope = scope;
    }

    void refused(Condition refusal) {
        long now = System.currentTimeMillis();
        long retry = scope.settings().senderRetryInterval().toMillis();
        if (!refusal.name().equals(condition)) {
            condition = refusal.name();
            count = 1;
            since = Instant.now();
            lastLog = now;
            Log.warnf("%s attach refused: %s; retry every %d ms (next at %s)", scope.prefix(), refusal, retry,
                    LinkScope.at(retry));
            return;
        }
        count++;
        if (now - lastLog >= scope.settings().failureSummaryInterval().toMillis()) {
            lastLog = now;
            Log.warnf("%s still refused: %s, %d attaches refused since %s; retry every %d ms", scope.prefix(), refusal,
                    count, since.truncatedTo(ChronoUnit.SECONDS), retry);
        } else {
            Log.debugf("%s attach refused again: %s (%d in a row)", scope.prefix(), refusal, count);
        }
    }

    /** Refusals before this attach, for the "attached" log line; resets the count. */
    long attached() {
        long before = count;
        condition = null;
        count = 0;
        return before;
    }
}
