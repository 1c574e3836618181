package io.github.linkroute.publisher.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import io.github.linkroute.publisher.link.LinkRegistry;
import io.github.linkroute.publisher.link.LinkStatus;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;

/** Puts the link state and counters on the console now and then, when they changed. */
@ApplicationScoped
public class CountersLog {

    private final LinkRegistry links;
    private volatile String last = "";

    CountersLog(LinkRegistry links) {
        this.links = links;
    }

    @Scheduled(every = "${publisher.counters-log-interval}", delayed = "5s")
    void log() {
        links.link(Channels.PUBLISH).ifPresent(link -> {
            LinkStatus s = link.status();
            LinkStatus.Counters c = s.counters();
            String line = String.format("state=%s sent=%d accepted=%d rejected=%d released=%d modified=%d re-sent=%d "
                    + "re-attaches=%d reconnects=%d buffered=%d unsettled=%d", s.state(), c.sent(), c.accepted(),
                    c.rejected(), c.released(), c.modified(), c.resent(), c.reattaches(), c.reconnects(),
                    s.bufferDepth(), s.unsettled());
            if (!line.equals(last)) {
                last = line;
                Log.infof("amqp-link[%s] %s", link.channel(), line);
            }
        });
    }
}
