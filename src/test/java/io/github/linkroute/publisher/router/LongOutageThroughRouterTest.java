package io.github.linkroute.publisher.router;

import static io.github.linkroute.publisher.support.Links.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.linkroute.publisher.link.LinkRegistry;
import io.github.linkroute.publisher.messaging.ScheduledPublisher;
import io.github.linkroute.publisher.support.ArtemisBroker;
import io.github.linkroute.publisher.support.ExactlyOnce;
import io.github.linkroute.publisher.support.LogCapture;
import io.github.linkroute.publisher.support.RealRouterProfile;
import io.github.linkroute.publisher.support.RequiresRouter;
import io.github.linkroute.publisher.support.Rest;
import io.github.linkroute.publisher.support.RouterNetwork.Topology;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * A broker that stays down longer than the buffer lasts, behind a real router: the buffer fills, the
 * emitter holds off (emits nothing more), POST /messages answers 503 BUFFER_FULL; when the broker is back
 * every sequence lands once and the message refused with 503 is not among them.
 */
@QuarkusTest
@RequiresRouter
@TestProfile(LongOutageThroughRouterTest.Profile.class)
@Timeout(240)
class LongOutageThroughRouterTest {

    static final int COUNT = 400;
    static final int BUFFER = 50;
    static final String ADDRESS = "link1.long-outage";

    public static class Profile extends RealRouterProfile {
        public Profile() {
            super(Topology.SINGLE);
        }

        @Override
        protected Map<String, String> overrides() {
            return Map.of("publisher.address", ADDRESS, "publisher.count", String.valueOf(COUNT),
                    "publisher.interval", "20ms", "publisher.buffer-size", String.valueOf(BUFFER));
        }
    }

    @Inject
    ScheduledPublisher emitter;

    @Inject
    LinkRegistry links;

    @Test
    void emitterHoldsOffAndRestAnswers503UntilTheBrokerIsBack() throws Exception {
        ArtemisBroker broker = ArtemisBroker.shared();
        LogCapture emitterLog = LogCapture.of(ScheduledPublisher.class);
        await().atMost(Duration.ofSeconds(60)).until(() -> emitter.accepted() >= 100);
        broker.kill();

        await("the emitter holds off").atMost(Duration.ofSeconds(30))
                .until(() -> emitterLog.lines().stream().anyMatch(l -> l.startsWith("emitter: buffer full, holding off")));
        long held = emitter.emitted();
        assertThat(held).isLessThan(COUNT);
        assertThat(status(links).bufferDepth()).isGreaterThanOrEqualTo(BUFFER);
        Rest.authorized().contentType("application/json").body("{\"body\": \"while full\"}")
                .post("/messages").then().statusCode(503)
                .body("outcome", equalTo("BUFFER_FULL")).header("Retry-After", notNullValue());
        // longer than the buffer lasts: nothing more is emitted, nothing is dropped
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10)).until(() -> emitter.emitted() == held);
        assertThat(BrokerKillScenario.readiness()).isEqualTo(503);

        broker.start();
        await().atMost(Duration.ofSeconds(120)).until(() -> emitter.accepted() == COUNT);
        await().until(() -> emitterLog.lines().contains("emitter: buffer has room again, resumed at sequence " + (held + 1)));
        emitterLog.close();
        ExactlyOnce.assertEverySequenceOnce(broker, ADDRESS, COUNT);
        assertThat(status(links).counters().failed()).isZero();
    }
}
