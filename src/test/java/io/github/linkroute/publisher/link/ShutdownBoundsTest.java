package io.github.linkroute.publisher.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.linkroute.publisher.messaging.MessagePublisher.Published;

/**
 * Edges 4 and 5: shutdown is bounded. A message waiting in a redelivery timer when shutdown starts is
 * nacked within the drain timeout (never left without an outcome), and a peer that answers neither
 * DETACH nor CLOSE (a hung broker) does not hold the stop beyond the drain timeout plus a small constant.
 * Runs without Quarkus.
 */
@Timeout(30)
class ShutdownBoundsTest extends LinkTestBase {

    @Override
    protected Map<String, String> settings() {
        return Map.of("redelivery-delay", "20s", "drain-timeout", "1s");
    }

    @Test
    void aMessageWaitingToBeResentIsSettledWithinTheDrainTimeout() throws Exception {
        awaitAttached();
        peer.expectTransfer().release();
        Published released = publish(1);
        peer.waitForScriptToComplete(5, TimeUnit.SECONDS);
        org.awaitility.Awaitility.await().until(() -> linkStatus().counters().released() == 1);

        peer.expectDetach().withClosed(true).respond();
        peer.expectClose().respond();
        long started = System.nanoTime();
        link.stop().toCompletableFuture().get(10, TimeUnit.SECONDS);
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        assertThat(tookMs).as("stopped within the drain timeout and a bit").isLessThan(1000 + 2000);
        assertThat(released.outcome()).failsWithin(1, TimeUnit.SECONDS).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOfSatisfying(DeliveryFailure.class,
                        f -> assertThat(f.outcome()).isEqualTo(Outcome.CLOSED));
        assertThat(linkStatus().bufferDepth()).isZero();
    }

    @Test
    void aHungPeerDoesNotHoldTheStop() throws Exception {
        awaitAttached();
        peer.expectTransfer();
        Published unsettled = publish(1);
        peer.waitForScriptToComplete(5, TimeUnit.SECONDS);

        // the broker hangs: DETACH and CLOSE arrive, nothing answers
        peer.expectDetach().withClosed(true);
        peer.expectClose();
        long started = System.nanoTime();
        link.stop().toCompletableFuture().get(20, TimeUnit.SECONDS);
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        assertThat(tookMs).as("drain timeout (1 s) plus a small constant").isLessThan(1000 + 2500);
        assertThat(unsettled.outcome()).isCompletedExceptionally();
        assertThat(link.view().status().state()).isEqualTo(LinkState.CLOSED);
    }
}
