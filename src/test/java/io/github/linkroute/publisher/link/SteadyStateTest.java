package io.github.linkroute.publisher.link;

import static io.github.linkroute.publisher.support.Links.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.linkroute.publisher.messaging.Channels;
import io.github.linkroute.publisher.messaging.MessagePublisher.Published;
import io.github.linkroute.publisher.support.DecodedTransfers;
import io.github.linkroute.publisher.support.RouterScript;

/** Steady state on the wire: a named sender with the queue capability, durable messages carrying a de-duplication id, each accepted. Runs without Quarkus. */
@Timeout(60)
class SteadyStateTest extends LinkTestBase {

    @Test
    void everyMessageGoesOutDurableWithItsIdAndIsAccepted() throws Exception {
        awaitAttached();
        assertThat(initialAttaches).hasSize(1);
        assertThat(initialAttaches.get(0).name()).contains("scripted-test").contains(RouterScript.ADDRESS);

        DecodedTransfers transfers = new DecodedTransfers();
        for (int i = 0; i < 3; i++) {
            peer.expectTransfer().withPayload(transfers.record()).accept();
        }
        List<Published> sent = new ArrayList<>();
        for (long sequence = 1; sequence <= 3; sequence++) {
            sent.add(publisher.publish("hello " + sequence, Map.of(Channels.SEQUENCE_PROPERTY, sequence)).orElseThrow());
        }
        peer.waitForScriptToComplete(10, TimeUnit.SECONDS);

        await().until(() -> sent.stream().allMatch(p -> p.outcome().isDone()));
        assertThat(sent).allSatisfy(p -> assertThat(p.outcome()).isCompletedWithValue(null));
        assertThat(transfers.messageIds()).containsExactlyElementsOf(sent.stream().map(Published::messageId).toList());
        assertThat(transfers.property(Channels.SEQUENCE_PROPERTY)).containsExactly(1L, 2L, 3L);
        assertThat(transfers.property("_AMQ_DUPL_ID")).containsExactlyElementsOf(transfers.messageIds());
        assertThat(transfers.messages()).allSatisfy(m -> assertThat(m.isDurable()).isTrue());

        LinkStatus status = status(links);
        assertThat(status.state()).isEqualTo(LinkState.ATTACHED);
        assertThat(status.counters().sent()).isEqualTo(3);
        assertThat(status.counters().accepted()).isEqualTo(3);
        assertThat(status.unsettled()).isZero();
        assertThat(status.lastAcceptedAt()).isNotNull();

        RouterScript.expectShutdown(peer);
    }
}
