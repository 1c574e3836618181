package io.github.linkroute.publisher.rest;

import static io.github.linkroute.publisher.support.Links.awaitPublishing;
import static io.github.linkroute.publisher.support.Links.status;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.linkroute.publisher.link.LinkRegistry;
import io.github.linkroute.publisher.messaging.ScheduledPublisher;
import io.github.linkroute.publisher.support.ArtemisBroker;
import io.github.linkroute.publisher.support.ArtemisProfile;
import io.github.linkroute.publisher.support.QueueReader;
import io.github.linkroute.publisher.support.Rest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The operator's view against a real broker: pause and resume seen in the counters, POST /messages
 * answered 200 once the broker accepted, and the queue holding exactly what the counters say.
 */
@QuarkusTest
@TestProfile(RestAgainstBrokerTest.Profile.class)
@Timeout(120)
class RestAgainstBrokerTest {

    static final String ADDRESS = "link1.rest-test";

    public static class Profile extends ArtemisProfile {
        @Override
        protected Map<String, String> overrides() {
            return Map.of("publisher.address", ADDRESS, "publisher.interval", "50ms");
        }
    }

    @Inject
    LinkRegistry links;

    @Inject
    ScheduledPublisher emitter;

    @Test
    void pauseResumeAndOnDemandSendsAreCountedAtTheBroker() throws Exception {
        awaitPublishing(links);
        await().until(() -> emitter.accepted() >= 5);

        Rest.authorized().post("/emitter/pause").then().statusCode(200).body("state", equalTo("PAUSED"));
        await().until(() -> emitter.accepted() == emitter.emitted());
        long emittedWhenPaused = emitter.emitted();
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> emitter.emitted() == emittedWhenPaused);
        given().get("/status").then().statusCode(200)
                .body("emitter.state", equalTo("PAUSED"))
                .body("emitter.emitted", equalTo((int) emittedWhenPaused))
                .body("state", equalTo("ATTACHED"))
                .body("canPublish", equalTo(true))
                .body("buffer.capacity", equalTo(1000))
                .body("lastAcceptedAt", notNullValue());

        Rest.authorized().contentType("application/json").body("{\"body\": \"on demand\", \"count\": 3}")
                .post("/messages").then().statusCode(200).body("outcome", equalTo("ACCEPTED")).body("ids", hasSize(3));
        long acceptedTotal = status(links).counters().accepted();
        assertThat(acceptedTotal).isEqualTo(emittedWhenPaused + 3);
        List<String> bodies = QueueReader.readBodies(ArtemisBroker.shared(), ADDRESS, (int) acceptedTotal);
        assertThat(bodies).filteredOn("on demand"::equals).hasSize(3);

        Rest.authorized().post("/emitter/resume").then().statusCode(200).body("state", equalTo("RUNNING"));
        await().until(() -> emitter.emitted() > emittedWhenPaused);
        given().get("/status").then().body("emitter.state", equalTo("RUNNING"));
    }
}
