package io.github.linkroute.publisher.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.linkroute.publisher.messaging.MessagePublisher.Published;
import io.github.linkroute.publisher.support.DecodedTransfers;
import io.github.linkroute.publisher.support.RouterScript;

/**
 * Edge 6, the order a RELEASED (or MODIFIED) message is re-sent in, as the README states it: after the
 * redelivery delay, ahead of every message still waiting in the buffer then, but behind the messages that
 * went on the wire in the meantime (credit kept flowing during the delay). With credit 2: 1 is released,
 * 2 goes out during 1's delay, 3 and 4 wait for credit; the credit that comes after the delay carries
 * 1, 3, 4. Runs without Quarkus.
 */
@Timeout(30)
class RedeliveryOrderTest extends LinkTestBase {

    private static final int CREDIT = 2;

    @Override
    protected Map<String, String> settings() {
        return Map.of("redelivery-delay", "500ms");
    }

    @Override
    protected void scriptStart() {
        RouterScript.connectAndAttach(peer, CREDIT, initialAttaches);
    }

    @Test
    void aReleasedMessageGoesBeforeWhatWaitsButAfterWhatWentOutDuringItsDelay() throws Exception {
        awaitAttached();
        DecodedTransfers transfers = new DecodedTransfers();

        peer.expectTransfer().withPayload(transfers.record()).release();
        Published first = publish(1);
        peer.waitForScriptToComplete(5, TimeUnit.SECONDS);

        peer.expectTransfer().withPayload(transfers.record()).accept();
        Published second = publish(2);
        peer.waitForScriptToComplete(5, TimeUnit.SECONDS);

        Published third = publish(3);
        Published fourth = publish(4);
        await().until(() -> linkStatus().bufferDepth() == 3); // 1 in its redelivery timer, 3 and 4 without credit
        // the router grants credit well after the 500 ms redelivery delay has run out
        peer.expectTransfer().withPayload(transfers.record()).accept();
        peer.expectTransfer().withPayload(transfers.record()).accept();
        peer.expectTransfer().withPayload(transfers.record()).accept();
        peer.remoteFlow().withLinkCredit(3).withDeliveryCount(CREDIT).later(1500);
        peer.waitForScriptToComplete(10, TimeUnit.SECONDS);

        await().until(() -> first.outcome().isDone() && third.outcome().isDone() && fourth.outcome().isDone());
        assertThat(transfers.messageIds()).containsExactly(first.messageId(), second.messageId(), first.messageId(),
                third.messageId(), fourth.messageId());
        assertThat(first.outcome()).isCompletedWithValue(null);

        RouterScript.expectShutdown(peer);
    }
}
