package io.github.linkroute.publisher.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.linkroute.publisher.messaging.MessagePublisher.Published;
import io.github.linkroute.publisher.support.RouterScript;

/**
 * Edge 7: readiness is the ability to publish now. Attached with credit 0 and nothing waiting is still
 * ready; with a message waiting longer than the credit-stall timeout it is not ({@code canPublish}, which
 * the readiness check and {@code /status} both report); the next credit makes it ready again. Runs
 * without Quarkus.
 */
@Timeout(30)
class CreditStallTest extends LinkTestBase {

    @Override
    protected Map<String, String> settings() {
        return Map.of("credit-stall-timeout", "300ms");
    }

    @Override
    protected void scriptStart() {
        RouterScript.connectAndAttach(peer, 1, initialAttaches);
    }

    @Test
    void attachedWithoutCreditAndAMessageWaitingIsNotReady() throws Exception {
        awaitAttached();
        peer.expectTransfer().accept();
        Published first = publish(1);
        peer.waitForScriptToComplete(5, TimeUnit.SECONDS);
        await().until(() -> first.outcome().isDone());
        assertThat(linkStatus().canPublish()).as("credit 0, nothing waiting").isTrue();

        Published second = publish(2);
        await().until(() -> !linkStatus().canPublish());
        LinkStatus stalled = linkStatus();
        assertThat(stalled.state()).isEqualTo(LinkState.ATTACHED);
        assertThat(stalled.creditStalled()).isTrue();
        assertThat(stalled.bufferDepth()).isEqualTo(1);

        peer.expectTransfer().accept();
        peer.remoteFlow().withLinkCredit(1).withDeliveryCount(1).now();
        peer.waitForScriptToComplete(5, TimeUnit.SECONDS);
        await().until(() -> second.outcome().isDone() && linkStatus().canPublish());
        assertThat(linkStatus().creditStalled()).isFalse();

        RouterScript.expectShutdown(peer);
    }
}
