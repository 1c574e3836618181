package io.github.linkroute.publisher.link;

import static io.github.linkroute.publisher.support.Links.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.List;
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
 * Behaviours 2 and 3: on qd:routed-link-lost the connection stays (no CLOSE, no OPEN: the strict
 * script fails on either), a new ATTACH with a fresh name follows after the retry interval, the
 * unsettled deliveries go out again first and in order, then newer messages.
 * Runs without Quarkus (plain Vert.x, the link, a scripted router).
 */
@Timeout(60)
class RoutedLinkLostTest extends LinkTestBase {

    @Test
    void reattachesOnTheSameConnectionAndResendsWhatWasUnsettled() throws Exception {
        awaitAttached();

        DecodedTransfers beforeLoss = new DecodedTransfers();
        peer.expectTransfer().withPayload(beforeLoss.record()).accept();
        peer.expectTransfer().withPayload(beforeLoss.record());
        peer.expectTransfer().withPayload(beforeLoss.record());
        List<Published> sent = new ArrayList<>();
        for (long sequence = 1; sequence <= 3; sequence++) {
            sent.add(publish(sequence));
        }
        peer.waitForScriptToComplete(10, TimeUnit.SECONDS);
        await().until(() -> sent.get(0).outcome().isDone());
        assertThat(sent.get(1).outcome()).isNotDone();
        assertThat(sent.get(2).outcome()).isNotDone();

        List<AttachSeen> attaches = new CopyOnWriteArrayList<>();
        DecodedTransfers afterLoss = new DecodedTransfers();
        peer.expectDetach().withClosed(true);
        RouterScript.expectAttachWithCredit(peer, 10, attaches);
        peer.expectTransfer().withPayload(afterLoss.record()).accept();
        peer.expectTransfer().withPayload(afterLoss.record()).accept();
        peer.expectTransfer().withPayload(afterLoss.record()).accept();
        long lostAt = System.nanoTime();
        RouterScript.detachRoutedLinkLost(peer);
        await().until(() -> status(links).lastCondition() != null);
        sent.add(publish(4));
        peer.waitForScriptToComplete(10, TimeUnit.SECONDS);

        assertThat(attaches).hasSize(1);
        assertThat(TimeUnit.NANOSECONDS.toMillis(attaches.get(0).nanoTime() - lostAt))
                .isGreaterThanOrEqualTo(RETRY_MS - 50);
        assertThat(attaches.get(0).name()).isNotEqualTo(initialAttaches.get(0).name());
        assertThat(afterLoss.property(Channels.SEQUENCE_PROPERTY)).containsExactly(2L, 3L, 4L);
        assertThat(afterLoss.messageIds().subList(0, 2)).isEqualTo(beforeLoss.messageIds().subList(1, 3));

        await().until(() -> sent.stream().allMatch(p -> p.outcome().isDone()));
        assertThat(sent).allSatisfy(p -> assertThat(p.outcome()).isCompletedWithValue(null));
        LinkStatus status = status(links);
        assertThat(status.state()).isEqualTo(LinkState.ATTACHED);
        assertThat(status.lastCondition()).isEqualTo(RouterScript.ROUTED_LINK_LOST);
        assertThat(status.counters().accepted()).isEqualTo(4);
        assertThat(status.counters().resent()).isEqualTo(2);
        assertThat(status.counters().linkLosses()).isEqualTo(1);
        assertThat(status.counters().reattaches()).isEqualTo(1);
        assertThat(status.counters().reconnects()).isZero();

        RouterScript.expectShutdown(peer);
    }

}
