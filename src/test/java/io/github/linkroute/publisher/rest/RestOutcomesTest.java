package io.github.linkroute.publisher.rest;

import static io.github.linkroute.publisher.support.Links.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.linkroute.publisher.link.LinkState;
import io.github.linkroute.publisher.support.DecodedTransfers;
import io.github.linkroute.publisher.support.Rest;
import io.github.linkroute.publisher.support.RouterScript;
import io.github.linkroute.publisher.support.ScriptedRouterProfile;
import io.github.linkroute.publisher.support.ScriptedRouterTest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/**
 * {@code POST /messages} against the scripted router: 200 when accepted, 422 with the condition when
 * rejected, 202 while the link is down and the messages accepted after the re-attach, 503 with
 * Retry-After when the buffer is full (what was taken still goes out; nothing dropped silently).
 */
@QuarkusTest
@TestProfile(RestOutcomesTest.Profile.class)
@Timeout(60)
class RestOutcomesTest extends ScriptedRouterTest {

    public static class Profile extends ScriptedRouterProfile {
        @Override
        protected Map<String, String> overrides() {
            return Map.of("publisher.buffer-size", "3", "publisher.rest.wait-timeout", "300ms");
        }
    }

    @Test
    void everyOutcomeHasItsStatus() throws Exception {
        awaitAttached();

        // 200: accepted in time
        DecodedTransfers transfers = new DecodedTransfers();
        peer.expectTransfer().withPayload(transfers.record()).accept();
        ExtractableResponse<Response> ok = Rest.authorized().contentType("text/plain").body("hello")
                .post("/messages").then().statusCode(200)
                .body("outcome", equalTo("ACCEPTED")).body("ids", hasSize(1)).body("accepted", equalTo(1)).extract();
        peer.waitForScriptToComplete(5, TimeUnit.SECONDS);
        assertThat(transfers.messageIds()).containsExactly(ok.path("ids[0]").toString());

        // 422: rejected, with the broker's condition
        peer.expectTransfer().accept();
        peer.expectTransfer().reject("amqp:precondition-failed", "no room for you");
        Rest.authorized().contentType("application/json").body("{\"body\": \"two\", \"count\": 2}")
                .post("/messages").then().statusCode(422)
                .body("outcome", equalTo("REJECTED")).body("ids", hasSize(2)).body("accepted", equalTo(1))
                .body("condition", equalTo("amqp:precondition-failed")).body("description", equalTo("no room for you"));
        peer.waitForScriptToComplete(5, TimeUnit.SECONDS);

        // the route is lost; two refusals, then the broker is back
        List<RouterScript.AttachSeen> attaches = new CopyOnWriteArrayList<>();
        peer.expectDetach().withClosed(true);
        RouterScript.expectRefusedAttach(peer, attaches);
        RouterScript.expectRefusedAttach(peer, attaches);
        RouterScript.expectAttachWithCredit(peer, 10, attaches);
        DecodedTransfers afterReattach = new DecodedTransfers();
        for (int i = 0; i < 3; i++) {
            peer.expectTransfer().withPayload(afterReattach.record()).accept();
        }
        RouterScript.detachRoutedLinkLost(peer);
        await().until(() -> status(links).state() != LinkState.ATTACHED);

        // 202: taken, not settled within the wait
        ExtractableResponse<Response> pending = Rest.authorized().contentType("application/json")
                .body("{\"body\": \"while down\", \"count\": 2}").post("/messages").then().statusCode(202)
                .body("outcome", equalTo("PENDING")).body("pending", equalTo(2)).extract();

        // 503: the buffer (3) has room for one more only
        ExtractableResponse<Response> full = Rest.authorized().contentType("application/json")
                .body("{\"body\": \"too many\", \"count\": 3}").post("/messages").then().statusCode(503)
                .header("Retry-After", equalTo("5"))
                .body("outcome", equalTo("BUFFER_FULL")).body("ids", hasSize(1)).body("notTaken", equalTo(2)).extract();

        peer.waitForScriptToComplete(15, TimeUnit.SECONDS);
        List<String> expected = new java.util.ArrayList<>(pending.<List<String>>path("ids"));
        expected.addAll(full.<List<String>>path("ids"));
        assertThat(afterReattach.messageIds()).containsExactlyElementsOf(expected);
        await().until(() -> status(links).counters().accepted() == 2 + 3);
        assertThat(status(links).counters().rejected()).isEqualTo(1);

        RouterScript.expectShutdown(peer);
    }
}
