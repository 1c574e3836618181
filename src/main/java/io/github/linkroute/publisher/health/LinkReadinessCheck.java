package io.github.linkroute.publisher.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.github.linkroute.publisher.link.LinkRegistry;
import io.github.linkroute.publisher.messaging.Channels;
import io.github.linkroute.publisher.spool.LocalSpool;

/**
 * Ready only while a sender link is attached and has been granted credit, and the spool can store what
 * comes in: then the service can publish.
 */
@Readiness
@ApplicationScoped
public class LinkReadinessCheck implements HealthCheck {

    private final LinkRegistry links;
    private final LocalSpool spool;

    LinkReadinessCheck(LinkRegistry links, LocalSpool spool) {
        this.links = links;
        this.spool = spool;
    }

    @Override
    public HealthCheckResponse call() {
        return links.link(Channels.PUBLISH)
                .map(link -> {
                    String spoolFailure = spool.status().failure();
                    HealthCheckResponseBuilder ready = LinkHealthData.describe("amqp-link-ready", link)
                            .status(link.status().canPublish() && spoolFailure == null);
                    return (spoolFailure == null ? ready : ready.withData("spoolFailure", spoolFailure)).build();
                })
                .orElseGet(() -> HealthCheckResponse.named("amqp-link-ready").down().withData("state", "NOT_WIRED").build());
    }
}
