package io.github.linkroute.publisher.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.linkroute.publisher.support.Rest;
import io.github.linkroute.publisher.support.ScriptedRouter;
import io.github.linkroute.publisher.support.ScriptedRouterProfile;
import io.github.linkroute.publisher.support.ScriptedRouterTest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

/**
 * The answers the HTTP layer gives before {@code MessageResource} runs carry the same JSON
 * {@code reason} as the resource's own: 401 (with its WWW-Authenticate challenge), 403, 405 for
 * GET/PUT on {@code /messages}, 413 above the HTTP server's own body limit (declared or chunked), 415 without a Content-Type.
 * Nothing reaches the wire (the strict scripted router would fail on any TRANSFER).
 */
@QuarkusTest
@TestProfile(RestErrorBodiesTest.Profile.class)
@Timeout(60)
class RestErrorBodiesTest extends ScriptedRouterTest {

    /** A role nobody has on {@code /emitter/pause}, so that an authenticated request meets a 403. */
    public static class Profile extends ScriptedRouterProfile {
        @Override
        protected Map<String, String> overrides() {
            return Map.of(
                    "quarkus.http.auth.policy.nobody.roles-allowed", "nobody",
                    "quarkus.http.auth.permission.forbidden-in-test.paths", "/emitter/pause",
                    "quarkus.http.auth.permission.forbidden-in-test.methods", "POST",
                    "quarkus.http.auth.permission.forbidden-in-test.policy", "nobody");
        }
    }

    @Inject
    Vertx vertx;

    @BeforeEach
    void attached() throws Exception {
        awaitAttached();
    }

    @AfterEach
    void nothingWentOnTheWire() throws Exception {
        peer.waitForScriptToComplete(5, TimeUnit.SECONDS);
    }

    @Test
    void withoutCredentials401WithChallengeAndReason() {
        given().contentType("text/plain").body("hello").post("/messages").then()
                .statusCode(401).header("WWW-Authenticate", containsStringIgnoringCase("basic"))
                .contentType("application/json").body("status", equalTo(401))
                .body("reason", containsString("credentials"));
    }

    @Test
    void wrongCredentials401WithChallengeAndReason() {
        given().auth().preemptive().basic(Rest.USER, "wrong").contentType("text/plain").body("hello")
                .post("/messages").then()
                .statusCode(401).header("WWW-Authenticate", containsStringIgnoringCase("basic"))
                .contentType("application/json").body("reason", containsString("credentials"));
    }

    @Test
    void forbidden403WithReason() {
        Rest.authorized().post("/emitter/pause").then()
                .statusCode(403).contentType("application/json").body("status", equalTo(403))
                .body("reason", notNullValue());
    }

    @Test
    void otherMethodsOnMessagesAre405() {
        for (String method : new String[] { "GET", "PUT" }) {
            given().request(method, "/messages").then()
                    .statusCode(405).header("Allow", containsString("POST"))
                    .contentType("application/json").body("reason", containsString("POST"));
            Rest.authorized().request(method, "/messages").then()
                    .statusCode(405).contentType("application/json").body("reason", containsString("POST"));
        }
    }

    /**
     * 12 MB declared, above the server's 10 MB: the answer comes on the headers, so the client writes only a
     * first part of the body and then reads (a client writing all of it meets the closed connection).
     */
    @Test
    void bodyAboveTheServerLimitIs413WithReason() throws Exception {
        int twelveMegabytes = 12 * 1024 * 1024;
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            String credentials = Base64.getEncoder()
                    .encodeToString((Rest.USER + ":" + ScriptedRouter.TEST_PASSWORD).getBytes(StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            out.write(("POST /messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\n"
                    + "Authorization: Basic " + credentials + "\r\nContent-Length: " + twelveMegabytes + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[64 * 1024]);
            out.flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 413").containsIgnoringCase("content-type: application/json")
                    .contains("\"status\":413").contains("\"reason\":\"body is " + twelveMegabytes + " bytes, too large");
        }
    }

    /**
     * The same limit on a chunked body (no Content-Length to refuse on): the server counts while it reads and
     * answers as soon as it is over, with the same JSON reason.
     */
    @Test
    void chunkedBodyAboveTheServerLimitIs413WithReason() throws Exception {
        Answer answer = postChunked(12 * 1024 * 1024 / CHUNK.length());
        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.contentType()).startsWith("application/json");
        assertThat(answer.body()).contains("\"status\":413")
                .contains("\"reason\":\"chunked body above " + SERVER_LIMIT + " bytes, too large");
    }

    /** Below the server's limit a chunked body is read whole: the service's own, smaller limit names its length. */
    @Test
    void chunkedBodyBelowTheServerLimitIsReadWhole() throws Exception {
        Answer answer = postChunked(32);
        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.body()).contains("\"reason\":\"body is " + 32 * CHUNK.length() + " bytes, at most 65536");
    }

    /** The server's default {@code quarkus.http.limits.max-body-size} (10240K). */
    private static final long SERVER_LIMIT = 10240 * 1024;
    private static final Buffer CHUNK = Buffer.buffer(new byte[64 * 1024]);

    private record Answer(int status, String contentType, String body) {
    }

    /**
     * POSTs up to {@code chunks} chunks with the Vert.x client, which sends them chunked and, as a well-behaved
     * client does, stops writing once the answer is in (the server closes the connection after a 413).
     */
    private Answer postChunked(int chunks) throws Exception {
        HttpClient client = vertx.createHttpClient();
        try {
            CompletableFuture<HttpClientResponse> answered = new CompletableFuture<>();
            CompletableFuture<String> body = new CompletableFuture<>();
            client.request(new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1")
                    .setPort(RestAssured.port).setURI("/messages")
                    .putHeader("Content-Type", "text/plain").putHeader("Authorization", "Basic " + credentials()))
                    .onFailure(answered::completeExceptionally)
                    .onSuccess(request -> {
                        request.setChunked(true);
                        request.response().onFailure(answered::completeExceptionally).onSuccess(response -> {
                            answered.complete(response);
                            response.body().onSuccess(b -> body.complete(b.toString()))
                                    .onFailure(body::completeExceptionally);
                        });
                        writeUntilAnswered(request, chunks, answered);
                    });
            HttpClientResponse response = answered.get(20, TimeUnit.SECONDS);
            return new Answer(response.statusCode(), response.getHeader("Content-Type"), body.get(20, TimeUnit.SECONDS));
        } finally {
            client.close();
        }
    }

    /** Writes the next chunk once the last one is written; ends the request after {@code left}, or stops on an answer. */
    private static void writeUntilAnswered(HttpClientRequest request, int left, CompletableFuture<HttpClientResponse> answered) {
        if (answered.isDone()) {
            return;
        }
        if (left == 0) {
            request.end();
            return;
        }
        request.write(CHUNK).onSuccess(written -> writeUntilAnswered(request, left - 1, answered));
    }

    private static String credentials() {
        return Base64.getEncoder()
                .encodeToString((Rest.USER + ":" + ScriptedRouter.TEST_PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    /** RestAssured always sends a Content-Type with a body; the JDK client sends none unless told. */
    @Test
    void withoutContentTypeIs415NamingTheAcceptedTypes() throws Exception {
        String credentials = Base64.getEncoder()
                .encodeToString((Rest.USER + ":" + ScriptedRouter.TEST_PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> answer = java.net.http.HttpClient.newHttpClient().send(HttpRequest
                .newBuilder(URI.create("http://127.0.0.1:" + RestAssured.port + "/messages"))
                .header("Authorization", "Basic " + credentials)
                .POST(HttpRequest.BodyPublishers.ofString("hello")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(415);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(answer.body()).contains("text/plain").contains("application/json");
    }
}
