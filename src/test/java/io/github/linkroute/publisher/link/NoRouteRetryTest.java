package io.github.linkroute.publisher.link;

import static io.github.linkroute.publisher.support.Links.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.linkroute.publisher.messaging.Channels;
import io.github.linkroute.publisher.messaging.MessagePublisher.Published;
import io.github.linkroute.publisher.support.DecodedTransfers;
import io.github.linkroute.publisher.support.RouterScript;
import io.github.linkroute.publisher.support.RouterScript.AttachSeen;

/**
 * Behaviour 2 through an outage: three attaches refused with qd:no-route-to-dest in a row, each
 * retried after the interval without hanging; the fourth gets credit and the messages held
 * meanwhile go out in order.
 * Runs without Quarkus (plain Vert.x, the link, a scripted router).
 */
@Timeout(60)
class NoRouteRetryTest extends LinkTestBase {

    private static final int REFUSALS = 3;

    @Test
    void retriesThroughNoRouteUntilAnAttachGetsCredit() throws Exception {
        awaitAttached();

        List<AttachSeen> attaches = new CopyOnWriteArrayList<>();
        peer.expectDetach().withClosed(true);
        for (int i = 0; i < REFUSALS; i++) {
            RouterScript.expectRefusedAttach(peer, attaches);
        }
        RouterScript.expectAttachWithCredit(peer, 10, attaches);
        DecodedTransfers transfers = new DecodedTransfers();
        peer.expectTransfer().withPayload(transfers.record()).accept();
        peer.expectTransfer().withPayload(transfers.record()).accept();

        long lostAt = System.nanoTime();
        RouterScript.detachRoutedLinkLost(peer);
        await().until(() -> status(links).state() == LinkState.NO_ROUTE);
        assertThat(status(links).canPublish()).isFalse();
        List<Published> sent = new ArrayList<>();
        for (long sequence = 1; sequence <= 2; sequence++) {
            sent.add(publisher.publish("held " + sequence, Map.of(Channels.SEQUENCE_PROPERTY, sequence)).orElseThrow());
        }
        assertThat(sent).allSatisfy(p -> assertThat(p.outcome()).isNotDone());

        peer.waitForScriptToComplete(20, TimeUnit.SECONDS);

        assertThat(attaches).hasSize(REFUSALS + 1);
        assertThat(attaches.stream().map(AttachSeen::name).distinct()).hasSize(REFUSALS + 1);
        long previous = lostAt;
        for (AttachSeen attach : attaches) {
            assertThat(TimeUnit.NANOSECONDS.toMillis(attach.nanoTime() - previous))
                    .as("time before attach %s", attach.name())
                    .isGreaterThanOrEqualTo(RETRY_MS - 50);
            previous = attach.nanoTime();
        }
        assertThat(transfers.property(Channels.SEQUENCE_PROPERTY)).containsExactly(1L, 2L);
        await().until(() -> sent.stream().allMatch(p -> p.outcome().isDone()));
        assertThat(sent).allSatisfy(p -> assertThat(p.outcome()).isCompletedWithValue(null));

        LinkStatus status = status(links);
        assertThat(status.state()).isEqualTo(LinkState.ATTACHED);
        assertThat(status.counters().refusedAttaches()).isEqualTo(REFUSALS);
        assertThat(status.counters().attaches()).isEqualTo(1 + REFUSALS + 1);
        assertThat(status.counters().reattaches()).isEqualTo(1);
        assertThat(status.lastCondition()).isEqualTo(RouterScript.NO_ROUTE);

        RouterScript.expectShutdown(peer);
    }
}
