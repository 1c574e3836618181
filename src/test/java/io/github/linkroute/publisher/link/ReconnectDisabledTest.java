package io.github.linkroute.publisher.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.linkroute.publisher.messaging.MessagePublisher.Published;

/**
 * Edge 3, reconnect disabled (the demo without -r): when the connection is lost the link gives up at
 * once and for good. A message waiting in a 30 s redelivery timer is nacked then, not 30 s later, and a
 * message that still arrives is refused with the reason. Runs without Quarkus.
 */
@Timeout(30)
class ReconnectDisabledTest extends LinkTestBase {

    @Override
    protected Map<String, String> settings() {
        return Map.of("reconnect", "false", "redelivery-delay", "30s");
    }

    @Test
    void aLostConnectionLetsGoOfWhatWaitsInARedeliveryTimerAtOnce() throws Exception {
        awaitAttached();
        peer.expectTransfer().release();
        peer.dropAfterLastHandler(100);
        Published released = publish(1);
        peer.waitForScriptToComplete(5, TimeUnit.SECONDS);

        assertThat(released.outcome()).as("nacked at the give-up, not when its 30 s timer runs out")
                .failsWithin(Duration.ofSeconds(5)).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOfSatisfying(DeliveryFailure.class,
                        failure -> assertThat(failure.outcome()).isEqualTo(Outcome.CLOSED));
        await().until(() -> linkStatus().state() == LinkState.CLOSED);
        assertThat(link.view().gaveUp()).contains("connection lost").contains("reconnect is disabled");
        assertThat(link.view().canRecover()).isFalse();
        assertThat(linkStatus().bufferDepth()).isZero();

        // asked for before the give-up, it arrives after: refused with the reason, never held
        Published late = publish(2);
        assertThat(late.outcome()).failsWithin(Duration.ofSeconds(5)).withThrowableOfType(ExecutionException.class)
                .withMessageContaining("not taken").withMessageContaining("reconnect is disabled");
        assertThat(linkStatus().counters().failedByReason()).containsEntry(FailReason.RECONNECT_DISABLED.tag(), 2L);
    }
}
