package io.github.linkroute.publisher.health;

import static io.github.linkroute.publisher.support.Links.status;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.linkroute.publisher.link.LinkRegistry;
import io.github.linkroute.publisher.link.LinkState;
import io.github.linkroute.publisher.support.LogCapture;
import io.github.linkroute.publisher.support.Rest;
import io.github.linkroute.publisher.support.ScriptedRouter;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Edge 3, reconnect disabled and nothing listening at start-up: the initial connect is bounded too. Every
 * router of the list is tried once, then the link gives up: liveness DOWN (Kubernetes restarts the pod),
 * and {@code POST /messages} answers 503 naming the reason instead of a 202 for a message that could
 * never go out.
 */
@QuarkusTest
@TestProfile(ReconnectDisabledStartTest.Profile.class)
@Timeout(60)
class ReconnectDisabledStartTest {

    static final int FIRST = unusedPort();
    static final int SECOND = unusedPort();

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("publisher.url", "amqp://127.0.0.1:" + FIRST + ",amqp://127.0.0.1:" + SECOND,
                    "publisher.reconnect", "false",
                    // the emitter's first burst comes well after start-up, when this test listens to the log
                    "publisher.interval", "3s",
                    "publisher.rest.password", ScriptedRouter.TEST_PASSWORD);
        }
    }

    @Inject
    LinkRegistry links;

    @Test
    void theInitialConnectTriesEachRouterOnceThenGivesUp() {
        LogCapture emitterLog = LogCapture.ofCategory("io.github.linkroute.publisher.messaging");
        await().atMost(Duration.ofSeconds(20)).until(() -> status(links).state() == LinkState.CLOSED);
        String reason = links.link("publish").orElseThrow().gaveUp();
        assertThat(reason).contains("connection failed at 127.0.0.1:" + SECOND).contains("io:connection-refused")
                .contains("reconnect is disabled");

        given().get("/q/health/live").then().statusCode(503).body("status", equalTo("DOWN"));
        given().get("/q/health/ready").then().statusCode(503);
        Rest.authorized().contentType("text/plain").body("hello").post("/messages").then()
                .statusCode(503)
                .body("outcome", equalTo("NOT_TAKEN"))
                .body("reason", containsString("reconnect is disabled"));
        given().get("/status").then().statusCode(200).body("counters.failed", equalTo(0));
        // the emitter stops and says why (a run-once job exits 1 here rather than wait for ever)
        try (emitterLog) {
            await().atMost(Duration.ofSeconds(10)).until(() -> emitterLog.lines().stream()
                    .anyMatch(line -> line.contains("emitter: stopped at sequence 1") && line.contains("reconnect is disabled")));
        }
    }

    private static int unusedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
