package io.github.linkroute.publisher.link;

import static io.github.linkroute.publisher.support.Links.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.linkroute.publisher.messaging.MessagePublisher.Published;
import io.github.linkroute.publisher.support.DecodedTransfers;
import io.github.linkroute.publisher.support.RouterScript;

/** Behaviour 4: a REJECTED delivery is counted, its condition kept, its message nacked, and it is never sent again. Runs without Quarkus. */
@Timeout(60)
class RejectedTest extends LinkTestBase {

    @Test
    void rejectedIsCountedAndNotResent() throws Exception {
        awaitAttached();

        DecodedTransfers transfers = new DecodedTransfers();
        peer.expectTransfer().withPayload(transfers.record()).reject("amqp:precondition-failed", "message too old");
        Published rejected = publish(1);
        peer.waitForScriptToComplete(10, TimeUnit.SECONDS);
        await().until(() -> rejected.outcome().isDone());
        assertThat(rejected.outcome()).isCompletedExceptionally();
        assertThat(rejected.outcome()).failsWithin(1, TimeUnit.SECONDS).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOfSatisfying(DeliveryFailure.class, failure -> {
                    assertThat(failure.outcome()).isEqualTo(Outcome.REJECTED);
                    assertThat(failure.condition().name()).isEqualTo("amqp:precondition-failed");
                    assertThat(failure.condition().description()).isEqualTo("message too old");
                });

        // the next transfer on the wire is the next message: the rejected one is not re-sent
        peer.expectTransfer().withPayload(transfers.record()).accept();
        Published next = publish(2);
        peer.waitForScriptToComplete(10, TimeUnit.SECONDS);
        await().until(() -> next.outcome().isDone());
        assertThat(transfers.messageIds()).containsExactly(rejected.messageId(), next.messageId());

        LinkStatus status = status(links);
        assertThat(status.counters().rejected()).isEqualTo(1);
        assertThat(status.counters().resent()).isZero();
        assertThat(status.counters().accepted()).isEqualTo(1);
        assertThat(status.lastCondition()).isEqualTo("amqp:precondition-failed");
        assertThat(status.lastDescription()).isEqualTo("message too old");

        RouterScript.expectShutdown(peer);
    }

}
