package io.github.linkroute.publisher.health;

import static io.github.linkroute.publisher.support.Links.status;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.linkroute.publisher.link.DeliveryFailure;
import io.github.linkroute.publisher.link.LinkState;
import io.github.linkroute.publisher.link.Outcome;
import io.github.linkroute.publisher.messaging.MessagePublisher.Published;
import io.github.linkroute.publisher.support.Rest;
import io.github.linkroute.publisher.support.ScriptedRouterProfile;
import io.github.linkroute.publisher.support.ScriptedRouterTest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * With reconnect disabled (the demo without -r), a lost connection is final: the link closes, what it
 * held is nacked (not silently dropped), and liveness goes DOWN so that Kubernetes restarts the pod.
 * That is with the spool off; with it on, what was held stays in the spool for the restart instead
 * (the same path as shutdown's, proven in SpoolRecoveryTest).
 */
@QuarkusTest
@TestProfile(GiveUpWithoutReconnectTest.Profile.class)
@Timeout(60)
class GiveUpWithoutReconnectTest extends ScriptedRouterTest {

    public static class Profile extends ScriptedRouterProfile {
        @Override
        protected Map<String, String> overrides() {
            return Map.of("publisher.reconnect", "false", "publisher.spool.enabled", "false");
        }
    }

    @Test
    void aLostConnectionIsFinalAndLivenessSaysSo() throws Exception {
        awaitAttached();
        given().get("/q/health/live").then().statusCode(200);

        peer.expectTransfer();
        peer.dropAfterLastHandler();
        Published unsettled = publish(1);
        peer.waitForScriptToComplete(10, TimeUnit.SECONDS);

        await().until(() -> status(links).state() == LinkState.CLOSED);
        assertThat(unsettled.outcome()).failsWithin(5, TimeUnit.SECONDS).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOfSatisfying(DeliveryFailure.class,
                        failure -> assertThat(failure.outcome()).isEqualTo(Outcome.CLOSED));
        given().get("/q/health/live").then().statusCode(503).body("status", equalTo("DOWN"))
                .body("checks.data.state", hasItem("CLOSED"));
        given().get("/q/health/ready").then().statusCode(503);
        // edge 3: nothing more is taken, and REST says why rather than 202 for a message that never goes out
        Rest.authorized().contentType("text/plain").body("hello").post("/messages").then().statusCode(503)
                .body("outcome", equalTo("NOT_TAKEN")).body("reason", containsString("reconnect is disabled"));
        // edge 8: the give-up is counted by its reason, in /status and in /q/metrics
        given().get("/status").then().statusCode(200).body("counters.failed", equalTo(1))
                .body("counters.failedByReason.'reconnect-disabled'", equalTo(1));
        given().get("/q/metrics").then().statusCode(200).body(containsString(
                "publisher_messages_failed_total{channel=\"publish\",reason=\"reconnect-disabled\"} 1.0"));
    }
}
