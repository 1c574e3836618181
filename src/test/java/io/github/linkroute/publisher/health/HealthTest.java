package io.github.linkroute.publisher.health;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.linkroute.publisher.support.RouterScript;
import io.github.linkroute.publisher.support.ScriptedRouterProfile;
import io.github.linkroute.publisher.support.ScriptedRouterTest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Health tells Kubernetes the truth through a broker outage: readiness UP while attached with credit,
 * DOWN on routed-link-lost and while no-route, UP after the credited re-attach; liveness UP throughout;
 * both carry the link state and last condition.
 */
@QuarkusTest
@TestProfile(HealthTest.Profile.class)
@Timeout(60)
class HealthTest extends ScriptedRouterTest {

    public static class Profile extends ScriptedRouterProfile {
    }

    @Test
    void readinessFollowsTheLinkAndLivenessStaysUp() throws Exception {
        awaitAttached();
        ready(200, "UP", "ATTACHED");
        alive();
        given().get("/q/health/started").then().statusCode(200).body("status", equalTo("UP"));

        List<RouterScript.AttachSeen> attaches = new CopyOnWriteArrayList<>();
        peer.expectDetach().withClosed(true);
        for (int i = 0; i < 4; i++) {
            RouterScript.expectRefusedAttach(peer, attaches);
        }
        RouterScript.expectAttachWithCredit(peer, 10, attaches);
        RouterScript.detachRoutedLinkLost(peer);

        await().untilAsserted(() -> given().get("/q/health/ready").then().statusCode(503)
                .body("checks.data.lastCondition", hasItem(RouterScript.ROUTED_LINK_LOST)));
        alive();
        await().untilAsserted(() -> ready(503, "DOWN", "NO_ROUTE")
                .body("checks.data.lastCondition", hasItem(RouterScript.NO_ROUTE)));
        alive();
        peer.waitForScriptToComplete(15, TimeUnit.SECONDS);
        await().untilAsserted(() -> ready(200, "UP", "ATTACHED"));
        alive();

        RouterScript.expectShutdown(peer);
    }

    private static io.restassured.response.ValidatableResponse ready(int code, String status, String state) {
        return given().get("/q/health/ready").then().statusCode(code).body("status", equalTo(status))
                .body("checks.data.state", hasItem(state))
                .body("checks.data.address", hasItem(RouterScript.ADDRESS));
    }

    private static void alive() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem("amqp-link-alive"));
    }
}
