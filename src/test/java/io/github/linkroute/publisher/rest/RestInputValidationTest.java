package io.github.linkroute.publisher.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.linkroute.publisher.support.Rest;
import io.github.linkroute.publisher.support.ScriptedRouterProfile;
import io.github.linkroute.publisher.support.ScriptedRouterTest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Bad input at the REST edge: 400, 413, 415 each with a JSON reason, 401 without credentials;
 * none of it reaches the wire (the strict scripted router would fail on any TRANSFER).
 */
@QuarkusTest
@TestProfile(RestInputValidationTest.Profile.class)
@Timeout(60)
class RestInputValidationTest extends ScriptedRouterTest {

    public static class Profile extends ScriptedRouterProfile {
        @Override
        protected java.util.Map<String, String> overrides() {
            return java.util.Map.of("publisher.rest.max-body-bytes", "64", "publisher.rest.max-count", "5");
        }
    }

    @BeforeEach
    void attached() throws Exception {
        awaitAttached();
    }

    @AfterEach
    void nothingWentOnTheWire() throws Exception {
        peer.waitForScriptToComplete(5, TimeUnit.SECONDS);
    }

    @Test
    void writesNeedCredentials() {
        given().contentType("text/plain").body("hello").post("/messages").then().statusCode(401);
        given().auth().preemptive().basic(Rest.USER, "wrong").contentType("text/plain").body("hello")
                .post("/messages").then().statusCode(401);
        given().post("/emitter/pause").then().statusCode(401);
        given().get("/status").then().statusCode(200);
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void emptyBodyIs400() {
        Rest.authorized().contentType("text/plain").body("").post("/messages").then()
                .statusCode(400).body("status", equalTo(400)).body("reason", containsString("empty body"));
        Rest.authorized().contentType("application/json").body("{\"body\": \"\"}").post("/messages").then()
                .statusCode(400).body("reason", containsString("\"body\" must be a non-empty string"));
    }

    @Test
    void malformedJsonIs400() {
        Rest.authorized().contentType("application/json").body("{\"body\": ").post("/messages").then()
                .statusCode(400).body("reason", containsString("malformed JSON"));
        Rest.authorized().contentType("application/json").body("[1, 2]").post("/messages").then()
                .statusCode(400).body("reason", containsString("expected a JSON object"));
    }

    @Test
    void countOutOfRangeIs400() {
        for (String count : new String[] { "0", "6", "-1", "\"two\"", "1.5" }) {
            Rest.authorized().contentType("application/json").body("{\"body\": \"x\", \"count\": " + count + "}")
                    .post("/messages").then()
                    .statusCode(400).body("reason", equalTo("\"count\" must be an integer from 1 to 5"));
        }
    }

    @Test
    void bodyOverTheLimitIs413() {
        Rest.authorized().contentType("text/plain").body("x".repeat(65)).post("/messages").then()
                .statusCode(413).body("reason", equalTo("body is 65 bytes, at most 64 are accepted"));
    }

    @Test
    void otherMediaTypesAre415() {
        Rest.authorized().contentType("application/xml").body("<m/>").post("/messages").then()
                .statusCode(415).body("reason", containsString("send text/plain or application/json"));
    }
}
