package io.github.linkroute.publisher.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.github.linkroute.publisher.link.LinkRegistry;
import io.github.linkroute.publisher.messaging.Channels;

/** Ready only while a sender link is attached and has been granted credit: then the service can publish. */
@Readiness
@ApplicationScoped
public class LinkReadinessCheck implements HealthCheck {

    private final LinkRegistry links;

    LinkReadinessCheck(LinkRegistry links) {
        this.links = links;
    }

    @Override
    public HealthCheckResponse call() {
        return links.link(Channels.PUBLISH)
                .map(link -> LinkHealthData.describe("amqp-link-ready", link).status(link.status().canPublish()).build())
                .orElseGet(() -> HealthCheckResponse.named("amqp-link-ready").down().withData("state", "NOT_WIRED").build());
    }
}
