package io.github.linkroute.publisher.support;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.apache.qpid.protonj2.test.driver.ProtonTestServer;

import io.github.linkroute.publisher.link.LinkRegistry;
import io.github.linkroute.publisher.messaging.Channels;
import io.github.linkroute.publisher.messaging.MessagePublisher;
import io.github.linkroute.publisher.messaging.MessagePublisher.Published;

/** What every test against the scripted router has: the peer, the way in, the link's state. */
public abstract class ScriptedRouterTest {

    @RouterPeer
    protected ProtonTestServer peer;

    @Inject
    protected MessagePublisher publisher;

    @Inject
    protected LinkRegistry links;

    /** Waits for the start-up script (connect, attach, credit) to be played and the link to publish. */
    protected void awaitAttached() throws Exception {
        peer.waitForScriptToComplete(10, TimeUnit.SECONDS);
        Links.awaitPublishing(links);
    }

    /** Publishes one message with a {@code sequence}; fails when the buffer has no room. */
    protected Published publish(long sequence) {
        return publisher.publish("message " + sequence, Map.of(Channels.SEQUENCE_PROPERTY, sequence)).orElseThrow();
    }
}
