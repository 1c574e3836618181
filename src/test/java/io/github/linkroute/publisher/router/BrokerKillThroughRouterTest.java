package io.github.linkroute.publisher.router;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.linkroute.publisher.support.RealRouterProfile;
import io.github.linkroute.publisher.support.RequiresRouter;
import io.github.linkroute.publisher.support.RouterNetwork.Topology;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * One real router link-routing to Artemis, the broker killed with -9 three times mid-stream: every
 * sequence once in the queue, the connection kept, the link re-attached each time (see {@link BrokerKillScenario}).
 */
@QuarkusTest
@RequiresRouter
@TestProfile(BrokerKillThroughRouterTest.Profile.class)
@Timeout(300)
class BrokerKillThroughRouterTest extends BrokerKillScenario {

    static final String ADDRESS = "link1.router-kill";

    public static class Profile extends RealRouterProfile {
        public Profile() {
            super(Topology.SINGLE);
        }

        @Override
        protected Map<String, String> overrides() {
            return Map.of("publisher.address", ADDRESS, "publisher.count", String.valueOf(COUNT),
                    "publisher.interval", "20ms", "publisher.burst", "5", "publisher.buffer-size", "400");
        }
    }

    @Test
    void everySequenceOnceThroughOneRouter() throws Exception {
        everySequenceOnceThroughBrokerKills(ADDRESS);
    }
}
