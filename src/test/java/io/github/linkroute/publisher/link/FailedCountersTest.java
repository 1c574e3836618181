package io.github.linkroute.publisher.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.linkroute.publisher.messaging.MessagePublisher.Published;
import io.github.linkroute.publisher.spool.Spool;
import io.github.linkroute.publisher.spool.SpooledMessage;
import io.github.linkroute.publisher.support.RouterScript;

/**
 * Edge 8: every message the link gives up is counted once, by reason, in the {@code failed} counter:
 * max-redeliveries exhausted, unencodable, the spool failing to store it, and held at shutdown (no
 * spool). ({@code reconnect-disabled} in GiveUpWithoutReconnectTest, with /status and /q/metrics.)
 * Runs without Quarkus.
 */
@Timeout(30)
class FailedCountersTest extends LinkTestBase {

    private final FailingSpool spool = new FailingSpool();

    @Override
    protected Map<String, String> settings() {
        return Map.of("max-redeliveries", "0");
    }

    @Override
    protected Spool spool() {
        return spool;
    }

    @Test
    void eachGiveUpIsCountedByItsReason() throws Exception {
        awaitAttached();
        peer.expectTransfer().release();
        Published released = publish(1);
        peer.waitForScriptToComplete(5, TimeUnit.SECONDS);
        await().until(() -> released.outcome().isCompletedExceptionally());

        Published bad = publisher.publish("bad", Map.of("odd", new UnencodableMessageTest.NotAnAmqpType("x")),
                "bad-id").orElseThrow();
        await().until(() -> bad.outcome().isCompletedExceptionally());

        spool.failAppends.set(true);
        Published notStored = publish(2);
        await().until(() -> notStored.outcome().isCompletedExceptionally());

        LinkStatus.Counters counters = linkStatus().counters();
        assertThat(counters.failedByReason()).containsEntry("max-redeliveries", 1L).containsEntry("unencodable", 1L)
                .containsEntry("spool-unusable", 1L).containsEntry("shutdown", 0L)
                .containsEntry("reconnect-disabled", 0L);
        assertThat(counters.failed()).isEqualTo(3);

        RouterScript.expectShutdown(peer);
    }

    @Test
    void whatIsHeldAtShutdownIsCounted() throws Exception {
        awaitAttached();
        peer.expectTransfer();
        Published unanswered = publish(1);
        peer.waitForScriptToComplete(5, TimeUnit.SECONDS);
        RouterScript.expectShutdown(peer);

        link.stop().toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertThat(unanswered.outcome()).isCompletedExceptionally();
        assertThat(linkStatus().counters().failedByReason()).containsEntry("shutdown", 1L);
        assertThat(linkStatus().counters().failed()).isEqualTo(1);
    }

    /** Memory only, like no spool, until told to fail every append (a disk that filled up). */
    static final class FailingSpool implements Spool {

        final AtomicBoolean failAppends = new AtomicBoolean();
        private final Spool memory = Spool.none();

        @Override
        public List<SpooledMessage> recovered() {
            return List.of();
        }

        @Override
        public long highestSequence() {
            return 0;
        }

        @Override
        public void append(long id, long sequence, byte[] amqp, Callback callback) {
            if (failAppends.get()) {
                callback.failed("disk full");
            } else {
                memory.append(id, sequence, amqp, callback);
            }
        }

        @Override
        public void remove(long id, long sequence) {
            memory.remove(id, sequence);
        }

        @Override
        public int depth() {
            return memory.depth();
        }

        @Override
        public String failure() {
            return null;
        }

        @Override
        public Path directory() {
            return null;
        }

        @Override
        public void close() {
            memory.close();
        }
    }
}
