package io.github.linkroute.publisher.router;

import static io.github.linkroute.publisher.support.Links.status;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.linkroute.publisher.link.LinkRegistry;
import io.github.linkroute.publisher.link.LinkStatus;
import io.github.linkroute.publisher.messaging.ScheduledPublisher;
import io.github.linkroute.publisher.support.ArtemisBroker;
import io.github.linkroute.publisher.support.ExactlyOnce;
import io.github.linkroute.publisher.support.QdRouter;
import io.github.linkroute.publisher.support.RealRouterProfile;
import io.github.linkroute.publisher.support.RealRouterResource;
import io.github.linkroute.publisher.support.RequiresRouter;
import io.github.linkroute.publisher.support.RouterNetwork;
import io.github.linkroute.publisher.support.RouterNetwork.Topology;
import io.github.linkroute.publisher.support.Routers;
import io.quarkus.logging.Log;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Failover across real routers: two routers side by side, each link-routing to the broker, both in
 * publisher.url. The one in use is killed with -9 mid-stream: the service connects to the other (status
 * and health name it), re-attaches and re-sends; every sequence lands once in the queue.
 */
@QuarkusTest
@RequiresRouter
@TestProfile(RouterFailoverTest.Profile.class)
@Timeout(240)
class RouterFailoverTest {

    static final int COUNT = 2000;
    static final String ADDRESS = "link1.failover";

    public static class Profile extends RealRouterProfile {
        public Profile() {
            super(Topology.PAIR);
        }

        @Override
        protected Map<String, String> overrides() {
            return Map.of("publisher.address", ADDRESS, "publisher.count", String.valueOf(COUNT),
                    "publisher.interval", "20ms", "publisher.burst", "5", "publisher.buffer-size", "400");
        }
    }

    @Inject
    ScheduledPublisher emitter;

    @Inject
    LinkRegistry links;

    @Routers
    RouterNetwork routers;

    @Test
    void theServiceMovesToTheOtherRouterAndLosesNothing() throws Exception {
        QdRouter first = routers.routers().get(0);
        QdRouter second = routers.routers().get(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> status(links).canPublish());
        given().get("/status").then().statusCode(200)
                .body("connectedTo", org.hamcrest.Matchers.equalTo("127.0.0.1:" + first.port()));

        await().atMost(Duration.ofSeconds(60)).until(() -> emitter.accepted() >= COUNT / 3);
        first.kill();
        Log.infof("failover: router %s killed with %d accepted", first.name(), emitter.accepted());
        await("the service moves to the other router").atMost(Duration.ofSeconds(30))
                .until(() -> status(links).canPublish());
        given().get("/status").then().statusCode(200)
                .body("connectedTo", org.hamcrest.Matchers.equalTo("127.0.0.1:" + second.port()));
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.data.connectedTo", org.hamcrest.Matchers.hasItem("127.0.0.1:" + second.port()));
        assertThat(emitter.emitted()).as("the router died mid-stream").isLessThan(COUNT);

        await().atMost(Duration.ofSeconds(120)).until(() -> emitter.accepted() == COUNT);
        LinkStatus status = status(links);
        Log.infof("failover: %s", status.counters());
        ExactlyOnce.assertEverySequenceOnce(ArtemisBroker.shared(), ADDRESS, COUNT);
        assertThat(status.counters().reconnects()).isEqualTo(1);
        assertThat(second.connectionsFrom(RealRouterResource.CONTAINER_ID)).hasSize(1);
    }
}
