package io.github.linkroute.publisher.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Edge 9: what readers (health, status, metrics, on their own threads) see of a link is safe to read.
 * Every field of {@link LinkStats} is final, volatile, or guarded by its lock; and a snapshot never pairs
 * one error's condition with another's description, nor one moment's buffer depth with another's
 * unsettled count, while the event loop writes. Plain JUnit.
 */
@Timeout(30)
class LinkStatsReadersTest {

    /** Fields only touched under LinkStats' own lock. */
    private static final Set<String> GUARDED = Set.of("unattachedNanos");

    @Test
    void everyFieldIsFinalVolatileOrGuarded() {
        assertThat(Arrays.stream(LinkStats.class.getDeclaredFields())
                .filter(f -> !Modifier.isStatic(f.getModifiers()))
                .filter(f -> !Modifier.isFinal(f.getModifiers()) && !Modifier.isVolatile(f.getModifiers()))
                .map(Field::getName))
                .containsOnlyElementsOf(GUARDED);
    }

    @Test
    void aSnapshotNeverMixesTwoErrorsOrTwoDepths() throws Exception {
        LinkStats stats = new LinkStats("c", "a", 10, Duration.ofSeconds(5));
        AtomicBoolean done = new AtomicBoolean();
        Thread writer = new Thread(() -> {
            for (int i = 0; !done.get(); i++) {
                if (i % 2 == 0) {
                    stats.error("qd:no-route-to-dest", "no route");
                    stats.depths(1, 1);
                } else {
                    stats.error("io:open-timeout", "no open");
                    stats.depths(2, 2);
                }
            }
        }, "event-loop-stand-in");
        writer.start();
        AtomicLong torn = new AtomicLong();
        try {
            long end = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (System.nanoTime() < end) {
                LinkStatus s = stats.snapshot();
                boolean errorTorn = s.lastCondition() != null && s.lastCondition().startsWith("qd:")
                        != "no route".equals(s.lastDescription());
                if (errorTorn || s.bufferDepth() != s.unsettled()) {
                    torn.incrementAndGet();
                }
            }
        } finally {
            done.set(true);
            writer.join();
        }
        assertThat(torn.get()).as("snapshots mixing two writes").isZero();
    }
}
