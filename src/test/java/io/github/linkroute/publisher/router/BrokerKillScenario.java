package io.github.linkroute.publisher.router;

import static io.github.linkroute.publisher.support.Links.status;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Random;

import jakarta.inject.Inject;

import io.github.linkroute.publisher.link.LinkRegistry;
import io.github.linkroute.publisher.link.LinkStatus;
import io.github.linkroute.publisher.messaging.ScheduledPublisher;
import io.github.linkroute.publisher.support.ArtemisBroker;
import io.github.linkroute.publisher.support.ExactlyOnce;
import io.github.linkroute.publisher.support.LogCapture;
import io.github.linkroute.publisher.support.RealRouterResource;
import io.github.linkroute.publisher.support.RouterNetwork;
import io.github.linkroute.publisher.support.Routers;
import io.quarkus.logging.Log;

/**
 * The demo's scenario through real routers: publish COUNT while the broker behind the link route is
 * killed with -9 KILLS times for 2-10 s each. Every sequence lands once in the queue; the router keeps
 * the service's connection (no reconnect), the link is re-attached after each kill; readiness is DOWN
 * throughout each outage and UP after it.
 */
abstract class BrokerKillScenario {

    static final int COUNT = 3000;
    static final int KILLS = 3;

    @Inject
    ScheduledPublisher emitter;

    @Inject
    LinkRegistry links;

    @Routers
    RouterNetwork routers;

    void everySequenceOnceThroughBrokerKills(String address) throws Exception {
        ArtemisBroker broker = ArtemisBroker.shared();
        long seed = System.nanoTime();
        Random random = new Random(seed);
        LogCapture emitterLog = LogCapture.of(ScheduledPublisher.class);
        for (int kill = 1; kill <= KILLS; kill++) {
            long threshold = (long) COUNT * kill / (KILLS + 1);
            await().atMost(Duration.ofSeconds(90)).until(() -> emitter.accepted() >= threshold);
            broker.kill();
            await("readiness DOWN after the broker died").atMost(Duration.ofSeconds(10))
                    .until(() -> readiness() == 503);
            Duration down = Duration.ofMillis(2000 + random.nextInt(8001));
            Log.infof("%s: broker killed (%d of %d, seed %d) with %d accepted; down for %d ms", routers.topology(),
                    kill, KILLS, seed, emitter.accepted(), down.toMillis());
            assertThat(emitter.emitted()).as("the broker dies mid-stream").isLessThan(COUNT);
            // the outage itself: readiness stays DOWN for all of it
            await().during(down).atMost(down.plusSeconds(5)).until(() -> readiness() == 503);
            broker.start();
            await("readiness UP once the route is back").atMost(Duration.ofSeconds(60)).until(() -> readiness() == 200);
        }
        await().atMost(Duration.ofSeconds(120)).until(() -> emitter.accepted() == COUNT);
        await().until(() -> emitterLog.lines().contains("emitter: all " + COUNT + " messages accepted"));
        emitterLog.close();

        LinkStatus status = status(links);
        Log.infof("%s: %s", routers.topology(), status.counters());
        ExactlyOnce.assertEverySequenceOnce(broker, address, COUNT);
        assertThat(status.counters().reconnects()).as("the router kept the service's connection").isZero();
        assertThat(status.counters().linkLosses()).as("links lost").isGreaterThanOrEqualTo(KILLS);
        assertThat(status.counters().reattaches()).as("links re-attached").isGreaterThanOrEqualTo(KILLS);
        List<String> connections = routers.clientSide().connectionsFrom(RealRouterResource.CONTAINER_ID);
        assertThat(connections).as("connections the service opened to the router").hasSize(1);
        assertThat(routers.clientSide().closed(connections.get(0))).as("the service's connection closed").isFalse();
    }

    static int readiness() {
        return given().get("/q/health/ready").then().extract().statusCode();
    }
}
