package io.github.linkroute.publisher.health;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import io.github.linkroute.publisher.link.LinkStatus;
import io.github.linkroute.publisher.link.LinkView;

/** The link's state and last condition as health check data, the same for every probe. */
final class LinkHealthData {

    private LinkHealthData() {
    }

    static HealthCheckResponseBuilder describe(String name, LinkView link) {
        LinkStatus s = link.status();
        return HealthCheckResponse.named(name)
                .withData("address", link.address())
                .withData("connectedTo", link.connectedTo() == null ? "none" : link.connectedTo())
                .withData("state", s.state().name())
                .withData("credited", s.credited())
                .withData("creditStalled", s.creditStalled())
                .withData("lastCondition", s.lastCondition() == null ? "none" : s.lastCondition())
                .withData("lastDescription", s.lastDescription() == null ? "" : s.lastDescription())
                .withData("bufferDepth", s.bufferDepth())
                .withData("unsettled", s.unsettled());
    }
}
