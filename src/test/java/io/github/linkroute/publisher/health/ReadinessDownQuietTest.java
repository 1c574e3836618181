package io.github.linkroute.publisher.health;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.linkroute.publisher.support.LogCapture;
import io.github.linkroute.publisher.support.RouterScript;
import io.github.linkroute.publisher.support.ScriptedRouterProfile;
import io.github.linkroute.publisher.support.ScriptedRouterTest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * A DOWN readiness answer is DOWN throughout: no check inside it says UP while the link has no route
 * (the stock messaging check did), and probing it again and again logs nothing (SmallRye Health logged
 * the whole JSON at INFO on every DOWN call, SRHCK01001).
 */
@QuarkusTest
@TestProfile(ReadinessDownQuietTest.Profile.class)
@Timeout(60)
class ReadinessDownQuietTest extends ScriptedRouterTest {

    public static class Profile extends ScriptedRouterProfile {
    }

    @Test
    void downReadinessHasNoUpCheckAndLogsNothing() throws Exception {
        awaitAttached();
        List<RouterScript.AttachSeen> attaches = new CopyOnWriteArrayList<>();
        peer.expectDetach().withClosed(true);
        for (int i = 0; i < 10; i++) {
            RouterScript.expectRefusedAttach(peer, attaches);
        }
        RouterScript.expectAttachWithCredit(peer, 10, attaches);

        try (LogCapture health = LogCapture.ofCategory("io.smallrye.health")) {
            RouterScript.detachRoutedLinkLost(peer);
            await().untilAsserted(() -> given().get("/q/health/ready").then().statusCode(503));
            for (int i = 0; i < 5; i++) {
                given().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"))
                        .body("checks.name", hasItem("amqp-link-ready"))
                        .body("checks.status", everyItem(equalTo("DOWN")));
            }
            assertThat(health.lines()).noneMatch(line -> line.contains("SRHCK01001") || line.contains("health down"));
        }

        peer.waitForScriptToComplete(15, TimeUnit.SECONDS);
        await().untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
        RouterScript.expectShutdown(peer);
    }
}
