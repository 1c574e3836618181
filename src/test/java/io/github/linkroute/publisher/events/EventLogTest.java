package io.github.linkroute.publisher.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.linkroute.publisher.events.LinkEvent.Kind;
import io.github.linkroute.publisher.link.Condition;
import io.github.linkroute.publisher.link.Outcome;

/**
 * The event log on its own: an outage reads as connected, attached, detached, one collapsed
 * "refused x7 over 12 s" entry, re-attached with its re-sends, newest first; refusals with another
 * condition, rejections and failed connects collapse the same way; the log keeps only its capacity;
 * readers on other threads never see it torn while the link writes.
 */
@Timeout(30)
class EventLogTest {

    private static final String CHANNEL = "publish";
    private static final String ROUTED_LINK_LOST = "qd:routed-link-lost";
    private static final String NO_ROUTE = "qd:no-route-to-dest";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));

    @Test
    void anOutageReadsAsOneLinePerStepWithRefusalsCollapsed() {
        EventLog log = new EventLog(EventLog.DEFAULT_CAPACITY, clock);
        log.connected(CHANNEL, "127.0.0.1", 5672);
        log.attached(CHANNEL, 0, 0);
        clock.advance(Duration.ofSeconds(30));
        log.linkLost(CHANNEL, ROUTED_LINK_LOST);
        log.detached(CHANNEL, new Condition(ROUTED_LINK_LOST, "Connectivity to the peer container was lost"), 3);
        Instant firstRefusal = clock.advance(Duration.ofSeconds(2));
        for (int i = 0; i < 7; i++) {
            if (i > 0) {
                clock.advance(Duration.ofSeconds(2));
            }
            log.attachRefused(CHANNEL, NO_ROUTE);
        }
        Instant lastRefusal = clock.instant();
        clock.advance(Duration.ofSeconds(2));
        log.reattached(CHANNEL, ROUTED_LINK_LOST);
        log.attached(CHANNEL, 7, 3);

        List<LinkEvent> events = log.events();
        assertThat(events).extracting(LinkEvent::kind)
                .containsExactly(Kind.REATTACHED, Kind.REFUSED, Kind.DETACHED, Kind.ATTACHED, Kind.CONNECTED);
        assertThat(events).extracting(LinkEvent::text).containsExactly(
                "re-attached after qd:routed-link-lost (7 refused before); 3 re-sent",
                "refused x7 over 12 s: qd:no-route-to-dest",
                "detached: qd:routed-link-lost; 3 unsettled to re-send",
                "attached",
                "connected to 127.0.0.1:5672");
        LinkEvent refused = events.get(1);
        assertThat(refused.count()).isEqualTo(7);
        assertThat(refused.at()).isEqualTo(firstRefusal);
        assertThat(refused.last()).isEqualTo(lastRefusal);
        assertThat(refused.condition()).isEqualTo(NO_ROUTE);
        assertThat(events.get(0).messages()).isEqualTo(3L);
        assertThat(events.get(2).description()).isEqualTo("Connectivity to the peer container was lost");
        assertThat(events).extracting(LinkEvent::id).containsExactly(5L, 4L, 3L, 2L, 1L);
        assertThat(log.peer()).isEqualTo("127.0.0.1:5672");
    }

    @Test
    void onlyConsecutiveRepeatsOfOneConditionCollapse() {
        EventLog log = new EventLog(EventLog.DEFAULT_CAPACITY, clock);
        log.attachRefused(CHANNEL, NO_ROUTE);
        log.attachRefused(CHANNEL, NO_ROUTE);
        log.attachRefused(CHANNEL, "amqp:not-found");
        log.attachRefused(CHANNEL, NO_ROUTE);
        log.settled(CHANNEL, Outcome.REJECTED, "amqp:precondition-failed", 1);
        log.settled(CHANNEL, Outcome.ACCEPTED, null, 1);
        log.settled(CHANNEL, Outcome.REJECTED, "amqp:precondition-failed", 1);
        log.connectFailed(CHANNEL, new Condition("io:connection-refused", "Connection refused"));
        clock.advance(Duration.ofSeconds(3));
        log.connectFailed(CHANNEL, new Condition("io:connection-refused", "Connection refused"));
        log.connectionLost(CHANNEL, new Condition("amqp:connection:forced", "gone"), 2, true);
        log.connectionLost(CHANNEL, new Condition("amqp:connection:forced", "gone"), 0, false);

        assertThat(log.events()).extracting(LinkEvent::text).containsExactly(
                "connection lost: amqp:connection:forced; reconnect disabled: given up",
                "connection lost: amqp:connection:forced; 2 unsettled to re-send",
                "connect failed x2 over 3 s: io:connection-refused",
                "rejected x2 over 0 s: amqp:precondition-failed",
                "attach refused: qd:no-route-to-dest",
                "attach refused: amqp:not-found",
                "refused x2 over 0 s: qd:no-route-to-dest");
        assertThat(log.events().get(3).messages()).isEqualTo(2L);
    }

    @Test
    void aReconnectNamesTheLossItRecoversFrom() {
        EventLog log = new EventLog(EventLog.DEFAULT_CAPACITY, clock);
        log.connected(CHANNEL, "router-a", 5672);
        log.reconnected(CHANNEL, "amqp:connection:forced");
        log.connected(CHANNEL, "router-b", 5673);
        log.spoolRecovered(CHANNEL, 12, clock.instant().minus(Duration.ofMinutes(5)));

        assertThat(log.events()).extracting(LinkEvent::text).containsExactly(
                "spool: 12 messages recovered, the oldest taken 5 min ago",
                "reconnected to router-b:5673 after amqp:connection:forced",
                "connected to router-a:5672");
        assertThat(log.peer()).isEqualTo("router-b:5673");
    }

    @Test
    void keepsOnlyTheNewestUpToItsCapacity() {
        EventLog log = new EventLog(5, clock);
        for (int i = 0; i < 12; i++) {
            log.detached(CHANNEL, new Condition(ROUTED_LINK_LOST, "lost"), i);
        }
        assertThat(log.events()).hasSize(5).extracting(LinkEvent::messages).containsExactly(11L, 10L, 9L, 8L, 7L);
        assertThat(log.events()).extracting(LinkEvent::id).containsExactly(12L, 11L, 10L, 9L, 8L);
        assertThat(new EventLog().capacity()).isEqualTo(200);
    }

    @Test
    void readersOnOtherThreadsSeeAConsistentBoundedLog() throws Exception {
        EventLog log = new EventLog(50, Clock.systemUTC());
        ExecutorService readers = Executors.newFixedThreadPool(2);
        CountDownLatch done = new CountDownLatch(1);
        try {
            var reading = readers.submit(() -> {
                long reads = 0;
                while (done.getCount() > 0 || reads == 0) {
                    List<LinkEvent> seen = log.events();
                    assertThat(seen.size()).isLessThanOrEqualTo(50);
                    for (int i = 1; i < seen.size(); i++) {
                        assertThat(seen.get(i - 1).id()).isGreaterThan(seen.get(i).id());
                    }
                    reads++;
                }
                return reads;
            });
            for (int i = 0; i < 20_000; i++) {
                if (i % 3 == 0) {
                    log.attachRefused(CHANNEL, NO_ROUTE);
                } else {
                    log.detached(CHANNEL, new Condition(ROUTED_LINK_LOST, "lost"), i);
                }
            }
            done.countDown();
            assertThat(reading.get(10, TimeUnit.SECONDS)).isPositive();
            assertThat(log.events()).hasSize(50);
        } finally {
            readers.shutdownNow();
        }
    }

    /** A clock the test moves by hand. */
    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        Instant advance(Duration by) {
            now = now.plus(by);
            return now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
