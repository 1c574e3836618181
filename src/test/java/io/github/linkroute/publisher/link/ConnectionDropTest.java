package io.github.linkroute.publisher.link;

import static io.github.linkroute.publisher.support.Links.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.linkroute.publisher.messaging.Channels;
import io.github.linkroute.publisher.messaging.MessagePublisher.Published;
import io.github.linkroute.publisher.support.DecodedTransfers;
import io.github.linkroute.publisher.support.RouterScript;

/** Behaviour 5: the connection drops with a delivery unsettled; the service reconnects, re-attaches and re-sends it. Runs without Quarkus. */
@Timeout(60)
class ConnectionDropTest extends LinkTestBase {

    @Test
    void reconnectsAndResendsWhatWasUnsettled() throws Exception {
        awaitAttached();

        DecodedTransfers beforeDrop = new DecodedTransfers();
        peer.expectTransfer().withPayload(beforeDrop.record());
        peer.dropAfterLastHandler();
        Published unsettled = publisher.publish("in flight", Map.of(Channels.SEQUENCE_PROPERTY, 1L)).orElseThrow();
        peer.waitForScriptToComplete(10, TimeUnit.SECONDS);
        // script the second connection only once the first is gone at both ends
        await().until(() -> status(links).state() == LinkState.DISCONNECTED);

        DecodedTransfers afterReconnect = new DecodedTransfers();
        RouterScript.connectAndAttach(peer, 10, new CopyOnWriteArrayList<>());
        peer.expectTransfer().withPayload(afterReconnect.record()).accept();
        peer.waitForScriptToComplete(15, TimeUnit.SECONDS);

        await().until(() -> unsettled.outcome().isDone());
        assertThat(unsettled.outcome()).isCompletedWithValue(null);
        assertThat(afterReconnect.messageIds()).containsExactly(unsettled.messageId());
        assertThat(beforeDrop.messageIds()).containsExactly(unsettled.messageId());

        LinkStatus status = status(links);
        assertThat(status.state()).isEqualTo(LinkState.ATTACHED);
        assertThat(status.counters().reconnects()).isEqualTo(1);
        assertThat(status.counters().resent()).isEqualTo(1);
        assertThat(status.counters().accepted()).isEqualTo(1);

        RouterScript.expectShutdown(peer);
    }
}
