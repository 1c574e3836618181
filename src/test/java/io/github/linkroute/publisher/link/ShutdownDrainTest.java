package io.github.linkroute.publisher.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.linkroute.publisher.messaging.Channels;
import io.github.linkroute.publisher.messaging.MessagePublisher.Published;
import io.github.linkroute.publisher.support.LogCapture;
import io.github.linkroute.publisher.support.RouterScript;

/**
 * Clean shutdown (the path the connector's @PreDestroy takes): with two deliveries unsettled, stopping
 * waits for outcomes up to the drain timeout (one arrives meanwhile), then DETACH and CLOSE cross
 * the wire and the log names the one that stayed unsettled.
 * Runs without Quarkus (plain Vert.x, the link, a scripted router).
 */
@Timeout(60)
class ShutdownDrainTest extends LinkTestBase {

    @Test
    void waitsForSettlementsThenDetachesAndCloses() throws Exception {
        awaitAttached();
        peer.expectTransfer();
        peer.expectTransfer();
        Published settledLate = publisher.publish("one", Map.of(Channels.SEQUENCE_PROPERTY, 1L)).orElseThrow();
        Published neverSettled = publisher.publish("two", Map.of(Channels.SEQUENCE_PROPERTY, 2L)).orElseThrow();
        peer.waitForScriptToComplete(5, TimeUnit.SECONDS);

        RouterScript.expectShutdown(peer);
        peer.remoteDisposition().withRole(true).withFirst(0).withSettled(true).withState().accepted().later(300);
        OutgoingLink link = links.outgoing(Channels.PUBLISH).orElseThrow();
        try (LogCapture log = LogCapture.ofLink()) {
            long started = System.nanoTime();
            link.stop().toCompletableFuture().get(10, TimeUnit.SECONDS);
            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            peer.waitForScriptToComplete(5, TimeUnit.SECONDS);

            assertThat(tookMs).as("waited for the drain timeout (1 s)").isGreaterThanOrEqualTo(950);
            assertThat(settledLate.outcome()).isCompletedWithValue(null);
            assertThat(neverSettled.outcome()).isCompletedExceptionally();
            assertThat(log.lines()).anySatisfy(line -> assertThat(line)
                    .contains("stopped with 1 unsettled").contains(neverSettled.messageId())
                    .doesNotContain(settledLate.messageId()));
        }
        assertThat(link.view().status().state()).isEqualTo(LinkState.CLOSED);
    }
}
