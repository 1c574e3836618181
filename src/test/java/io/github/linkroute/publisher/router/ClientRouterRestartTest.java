package io.github.linkroute.publisher.router;

import static io.github.linkroute.publisher.support.Links.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.linkroute.publisher.link.LinkRegistry;
import io.github.linkroute.publisher.link.LinkState;
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
 * The connection-loss case on real routers: the client-side router of the two-router network is killed
 * with -9 mid-stream, twice, and restarted on the same port. The service reconnects, re-attaches and
 * re-sends; every sequence lands once in the queue.
 */
@QuarkusTest
@RequiresRouter
@TestProfile(ClientRouterRestartTest.Profile.class)
@Timeout(300)
class ClientRouterRestartTest {

    static final int COUNT = 2000;
    static final int KILLS = 2;
    static final String ADDRESS = "link1.router-restart";

    public static class Profile extends RealRouterProfile {
        public Profile() {
            super(Topology.DUAL);
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
    void everySequenceOnceThroughClientRouterRestarts() throws Exception {
        QdRouter clientSide = routers.clientSide();
        for (int kill = 1; kill <= KILLS; kill++) {
            long threshold = (long) COUNT * kill / (KILLS + 1);
            await().atMost(Duration.ofSeconds(90)).until(() -> emitter.accepted() >= threshold);
            clientSide.kill();
            Log.infof("client-side router killed (%d of %d) with %d accepted", kill, KILLS, emitter.accepted());
            await().atMost(Duration.ofSeconds(10)).until(() -> status(links).state() == LinkState.DISCONNECTED);
            assertThat(BrokerKillScenario.readiness()).as("readiness while disconnected").isEqualTo(503);
            assertThat(emitter.emitted()).as("the router dies mid-stream").isLessThan(COUNT);
            clientSide.start();
            await("readiness UP after the router is back").atMost(Duration.ofSeconds(60))
                    .until(() -> BrokerKillScenario.readiness() == 200);
        }
        await().atMost(Duration.ofSeconds(120)).until(() -> emitter.accepted() == COUNT);

        LinkStatus status = status(links);
        Log.infof("client-side router restarts: %s", status.counters());
        ExactlyOnce.assertEverySequenceOnce(ArtemisBroker.shared(), ADDRESS, COUNT);
        assertThat(status.counters().reconnects()).isEqualTo(KILLS);
        assertThat(clientSide.connectionsFrom(RealRouterResource.CONTAINER_ID)).as("one connection per router start")
                .hasSize(KILLS + 1);
    }
}
