package io.github.linkroute.publisher.link;

import static io.github.linkroute.publisher.support.Links.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.linkroute.publisher.messaging.MessagePublisher.Published;
import io.github.linkroute.publisher.support.DecodedTransfers;
import io.github.linkroute.publisher.support.RouterScript;

/**
 * Seen on the real router at the moment of a broker kill: a transfer that races the loss of the link
 * route is REJECTED by the router itself, amqp:precondition-failed "Routing failure: no address present".
 * The broker never saw it: it is counted as released and sent again with the same id, never given up.
 * Runs without Quarkus.
 */
@Timeout(60)
class RoutingFailureTest extends LinkTestBase {

    @Test
    void theRoutersRejectionIsResentNotGivenUp() throws Exception {
        awaitAttached();

        DecodedTransfers transfers = new DecodedTransfers();
        peer.expectTransfer().withPayload(transfers.record())
                .reject(Condition.PRECONDITION_FAILED, RouterScript.ROUTING_FAILURE_DESCRIPTION);
        peer.expectTransfer().withPayload(transfers.record()).accept();
        Published message = publish(1);
        peer.waitForScriptToComplete(10, TimeUnit.SECONDS);

        await().until(() -> message.outcome().isDone());
        assertThat(message.outcome()).isCompletedWithValue(null);
        assertThat(transfers.messageIds()).containsExactly(message.messageId(), message.messageId());
        LinkStatus.Counters counters = status(links).counters();
        assertThat(counters.rejected()).isZero();
        assertThat(counters.released()).isEqualTo(1);
        assertThat(counters.resent()).isEqualTo(1);
        assertThat(counters.accepted()).isEqualTo(1);

        RouterScript.expectShutdown(peer);
    }
}
