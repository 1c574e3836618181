package io.github.linkroute.publisher.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.linkroute.publisher.messaging.Channels;
import io.github.linkroute.publisher.messaging.MessagePublisher.Published;
import io.github.linkroute.publisher.support.DecodedTransfers;
import io.github.linkroute.publisher.support.RouterScript;

/**
 * Edge 1: a message AMQP cannot encode (an application property of a type AMQP has no encoding for)
 * is nacked with the reason before anything touches the sender; it is not counted as sent, and the
 * next message goes out in a delivery of its own and is accepted. Runs without Quarkus.
 */
@Timeout(30)
class UnencodableMessageTest extends LinkTestBase {

    /** No AMQP type: proton-j fails to encode it. */
    record NotAnAmqpType(String value) {
    }

    @Test
    void theBadMessageIsNackedAndTheNextOneIsAcceptedOnItsOwn() throws Exception {
        awaitAttached();
        DecodedTransfers transfers = new DecodedTransfers();
        peer.expectTransfer().withPayload(transfers.record()).accept();

        Published bad = publisher.publish("bad", Map.of("odd", new NotAnAmqpType("x")), "bad-id").orElseThrow();
        Published good = publish(1);
        peer.waitForScriptToComplete(10, TimeUnit.SECONDS);

        await().until(() -> bad.outcome().isDone() && good.outcome().isDone());
        assertThat(bad.outcome()).failsWithin(1, TimeUnit.SECONDS).withThrowableOfType(ExecutionException.class)
                .havingCause().withMessageContaining("NotAnAmqpType");
        assertThat(good.outcome()).isCompletedWithValue(null);
        assertThat(transfers.messageIds()).containsExactly(good.messageId());
        assertThat(transfers.property(Channels.SEQUENCE_PROPERTY)).containsExactly(1L);
        LinkStatus status = linkStatus();
        assertThat(status.counters().sent()).isEqualTo(1);
        assertThat(status.counters().accepted()).isEqualTo(1);
        assertThat(status.unsettled()).isZero();

        RouterScript.expectShutdown(peer);
    }
}
