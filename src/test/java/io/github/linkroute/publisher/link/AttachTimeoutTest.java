package io.github.linkroute.publisher.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.linkroute.publisher.support.RouterScript;

/**
 * Edge 11: after a routed-link-lost, a re-attach that gets no answer is abandoned (DETACH) after the
 * attach timeout and retried; the re-attach that finally succeeds is tagged with the last loss, the
 * attach timeout, not the older routed-link-lost. Runs without Quarkus.
 */
@Timeout(30)
class AttachTimeoutTest extends LinkTestBase {

    @Override
    protected Map<String, String> settings() {
        return Map.of("attach-timeout", "300ms");
    }

    @Test
    void aTimedOutAttachTagsTheNextReattach() throws Exception {
        awaitAttached();
        List<RouterScript.AttachSeen> attaches = new CopyOnWriteArrayList<>();
        peer.expectDetach().withClosed(true);
        peer.expectAttach().ofSender().withCapture(a -> attaches.add(new RouterScript.AttachSeen(a.getName(), System.nanoTime())));
        peer.expectDetach().withClosed(true);
        RouterScript.expectAttachWithCredit(peer, 10, attaches);
        RouterScript.detachRoutedLinkLost(peer);
        peer.waitForScriptToComplete(10, TimeUnit.SECONDS);
        await().until(() -> linkStatus().canPublish());

        assertThat(attaches).hasSize(2);
        assertThat(linkStatus().counters().reattaches()).isEqualTo(1);
        assertThat(observed).containsExactly("linkLost:" + RouterScript.ROUTED_LINK_LOST, "reattached:attach-timeout");

        RouterScript.expectShutdown(peer);
    }
}
