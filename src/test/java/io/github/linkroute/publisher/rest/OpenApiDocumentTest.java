package io.github.linkroute.publisher.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.linkroute.publisher.support.ScriptedRouterProfile;
import io.github.linkroute.publisher.support.ScriptedRouterTest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The OpenAPI document ({@code /q/openapi}, read without credentials) documents every answer the REST
 * tests see for the path and method they see it on, each documented answer has an example body, and the
 * writes name the HTTP basic scheme.
 */
@QuarkusTest
@TestProfile(OpenApiDocumentTest.Profile.class)
@Timeout(60)
class OpenApiDocumentTest extends ScriptedRouterTest {

    public static class Profile extends ScriptedRouterProfile {
    }

    /** One answer a REST test asserts: the method, the path, the status, and which test sees it. */
    record Seen(String method, String path, int status, String seenBy) {
    }

    /** What RestOutcomesTest, RestErrorBodiesTest, RestInputValidationTest and RestAgainstBrokerTest assert. */
    static final List<Seen> SEEN = List.of(
            new Seen("post", "/messages", 200, "RestOutcomesTest, RestAgainstBrokerTest"),
            new Seen("post", "/messages", 202, "RestOutcomesTest"),
            new Seen("post", "/messages", 422, "RestOutcomesTest"),
            new Seen("post", "/messages", 503, "RestOutcomesTest"),
            new Seen("post", "/messages", 400, "RestInputValidationTest"),
            new Seen("post", "/messages", 401, "RestInputValidationTest, RestErrorBodiesTest"),
            new Seen("post", "/messages", 413, "RestInputValidationTest, RestErrorBodiesTest"),
            new Seen("post", "/messages", 415, "RestInputValidationTest, RestErrorBodiesTest"),
            new Seen("get", "/messages", 405, "RestErrorBodiesTest"),
            new Seen("put", "/messages", 405, "RestErrorBodiesTest"),
            new Seen("post", "/emitter/pause", 200, "RestAgainstBrokerTest"),
            new Seen("post", "/emitter/pause", 401, "RestInputValidationTest"),
            new Seen("post", "/emitter/pause", 403, "RestErrorBodiesTest"),
            new Seen("post", "/emitter/resume", 200, "RestAgainstBrokerTest"),
            new Seen("get", "/status", 200, "RestInputValidationTest, RestAgainstBrokerTest"));

    JsonNode document;

    @BeforeEach
    void read() throws Exception {
        String json = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString();
        document = new ObjectMapper().readTree(json);
    }

    @Test
    void everyAnswerATestSeesIsDocumented() {
        List<String> missing = new ArrayList<>();
        for (Seen seen : SEEN) {
            JsonNode responses = document.path("paths").path(seen.path()).path(seen.method()).path("responses");
            if (!responses.has(String.valueOf(seen.status()))) {
                missing.add(seen.method().toUpperCase() + " " + seen.path() + " " + seen.status() + " (seen by "
                        + seen.seenBy() + ")");
            }
        }
        assertThat(missing).as("answers the tests see but the document does not list").isEmpty();
    }

    @Test
    void everyDocumentedAnswerHasAnExampleBody() {
        List<String> operations = new ArrayList<>();
        List<String> withoutExample = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                operations.add(operation.getKey() + " " + path.getKey());
                for (Map.Entry<String, JsonNode> response : operation.getValue().path("responses").properties()) {
                    JsonNode content = response.getValue().path("content");
                    boolean example = !content.isEmpty();
                    for (JsonNode mediaType : content) {
                        example &= !mediaType.path("examples").isEmpty() || mediaType.has("example");
                    }
                    if (!example) {
                        withoutExample.add(operation.getKey() + " " + path.getKey() + " " + response.getKey());
                    }
                }
            }
        }
        assertThat(operations).as("the document's operations").contains("post /messages", "get /status",
                "get /status/events", "post /emitter/pause", "post /emitter/resume");
        assertThat(withoutExample).as("documented answers without an example body").isEmpty();
    }

    @Test
    void writesNameTheBasicScheme() {
        assertThat(document.at("/components/securitySchemes").size()).as("security schemes").isEqualTo(1);
        assertThat(document.at("/components/securitySchemes/basic/type").asText()).isEqualTo("http");
        assertThat(document.at("/components/securitySchemes/basic/scheme").asText()).isEqualTo("basic");
        for (String path : List.of("/messages", "/emitter/pause", "/emitter/resume")) {
            assertThat(document.path("paths").path(path).path("post").path("security").toString())
                    .as("POST %s security", path).contains("\"basic\"");
        }
        assertThat(document.path("paths").path("/status").path("get").has("security")).isFalse();
    }
}
