package io.github.linkroute.publisher.link;

import static io.github.linkroute.publisher.support.Links.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.linkroute.publisher.messaging.MessagePublisher.Published;
import io.github.linkroute.publisher.support.DecodedTransfers;
import io.github.linkroute.publisher.support.RouterScript;

/** Behaviour 4: a RELEASED or MODIFIED delivery is counted and sent again, with the same message id, until accepted. Runs without Quarkus. */
@Timeout(60)
class ReleasedAndModifiedTest extends LinkTestBase {

    @Test
    void releasedAndModifiedAreResentUntilAccepted() throws Exception {
        awaitAttached();

        DecodedTransfers transfers = new DecodedTransfers();
        peer.expectTransfer().withPayload(transfers.record()).release();
        peer.expectTransfer().withPayload(transfers.record()).accept();
        Published released = publish(1);
        peer.waitForScriptToComplete(10, TimeUnit.SECONDS);

        peer.expectTransfer().withPayload(transfers.record()).modify(true, false);
        peer.expectTransfer().withPayload(transfers.record()).accept();
        Published modified = publish(2);
        peer.waitForScriptToComplete(10, TimeUnit.SECONDS);

        await().until(() -> released.outcome().isDone() && modified.outcome().isDone());
        assertThat(released.outcome()).isCompletedWithValue(null);
        assertThat(modified.outcome()).isCompletedWithValue(null);
        assertThat(transfers.messageIds()).containsExactly(released.messageId(), released.messageId(),
                modified.messageId(), modified.messageId());

        LinkStatus.Counters counters = status(links).counters();
        assertThat(List.of(counters.released(), counters.modified(), counters.resent(), counters.accepted()))
                .containsExactly(1L, 1L, 2L, 2L);

        RouterScript.expectShutdown(peer);
    }

}
