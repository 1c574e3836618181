package io.github.linkroute.publisher.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Startup;

import io.github.linkroute.publisher.link.LinkRegistry;
import io.github.linkroute.publisher.messaging.Channels;

/** Started once the channel is wired to its link (the link connects on its own from then on). */
@Startup
@ApplicationScoped
public class LinkStartupCheck implements HealthCheck {

    private final LinkRegistry links;

    LinkStartupCheck(LinkRegistry links) {
        this.links = links;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("amqp-link-started").status(links.link(Channels.PUBLISH).isPresent()).build();
    }
}
