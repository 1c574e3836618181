package io.github.linkroute.publisher.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;

import io.github.linkroute.publisher.link.LinkRegistry;
import io.github.linkroute.publisher.link.LinkStatus;
import io.github.linkroute.publisher.messaging.Channels;

/** Reads the publishing link's state in tests. */
public final class Links {

    private Links() {
    }

    public static LinkStatus status(LinkRegistry links) {
        return links.link(Channels.PUBLISH).orElseThrow().status();
    }

    /** Waits until the link is attached and has credit. */
    public static void awaitPublishing(LinkRegistry links) {
        await().atMost(Duration.ofSeconds(15)).until(() -> links.link(Channels.PUBLISH).isPresent()
                && status(links).canPublish());
    }
}
