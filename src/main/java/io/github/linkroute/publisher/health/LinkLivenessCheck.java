package io.github.linkroute.publisher.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

import io.github.linkroute.publisher.link.LinkRegistry;
import io.github.linkroute.publisher.messaging.Channels;

/**
 * Live while the link can still recover: a broker or router outage is no reason to restart the pod.
 * DOWN only when it gave up (connection lost with reconnect disabled) or its event loop stopped beating.
 */
@Liveness
@ApplicationScoped
public class LinkLivenessCheck implements HealthCheck {

    private final LinkRegistry links;

    LinkLivenessCheck(LinkRegistry links) {
        this.links = links;
    }

    @Override
    public HealthCheckResponse call() {
        return links.link(Channels.PUBLISH)
                .map(link -> LinkHealthData.describe("amqp-link-alive", link)
                        .status(link.canRecover() && link.supervisorResponsive()).build())
                // not wired yet is a start-up matter, left to the startup check
                .orElseGet(() -> HealthCheckResponse.named("amqp-link-alive").up().withData("state", "NOT_WIRED").build());
    }
}
