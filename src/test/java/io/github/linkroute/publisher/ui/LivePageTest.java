package io.github.linkroute.publisher.ui;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import io.github.linkroute.publisher.support.Browser;
import io.github.linkroute.publisher.support.Rest;
import io.github.linkroute.publisher.support.RouterScript;
import io.github.linkroute.publisher.support.ScriptedRouter;
import io.github.linkroute.publisher.support.ScriptedRouterProfile;
import io.github.linkroute.publisher.support.ScriptedRouterTest;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The live page in a real headless Chromium against the scripted router: it shows the link ATTACHED
 * with the router's host:port; when the router detaches the link (qd:routed-link-lost) and refuses
 * re-attaches (qd:no-route-to-dest), the page shows the new state, the last error and the timeline
 * entries (detached, "refused xN over M s") within two seconds each, then ATTACHED again with
 * "re-attached ... 1 re-sent"; its send and pause buttons get the same status codes as the REST API
 * (401 without and with wrong credentials, 202 during the outage, 200 once accepted); the page itself
 * stays open without credentials and fits a phone's width. Screenshots go to target/screenshots/.
 */
@QuarkusTest
@TestProfile(LivePageTest.Profile.class)
@Timeout(120)
class LivePageTest extends ScriptedRouterTest {

    private static final Duration PAGE_UPDATE = Duration.ofSeconds(2);
    private static final int REFUSALS = 12;

    public static class Profile extends ScriptedRouterProfile {
        @Override
        protected Map<String, String> overrides() {
            // 12 refusals 500 ms apart keep NO_ROUTE on for ~6 s: the page sees it (it polls every second) and its
            // test message still meets the outage (202), with room for a slow machine
            return Map.of("publisher.sender-retry-interval", "500ms", "publisher.rest.wait-timeout", "300ms");
        }
    }

    @TestHTTPResource("/")
    URL page;

    private Browser browser;

    @BeforeEach
    void openBrowser() throws Exception {
        browser = Browser.start();
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.screenshot("live-page-last");
            browser.close();
        }
    }

    @Test
    void showsAnOutageLiveAndItsButtonsAnswerLikeTheApi() throws Exception {
        awaitAttached();
        given().get("/").then().statusCode(200).contentType(containsString("text/html"));

        browser.driver().get(page.toString());
        int port = peer.getServerURI().getPort();
        await().atMost(PAGE_UPDATE).untilAsserted(() -> {
            assertThat(state()).isEqualTo("ATTACHED");
            assertThat(text("peer")).isEqualTo("127.0.0.1:" + port);
            assertThat(text("address")).isEqualTo(RouterScript.ADDRESS);
            assertInOrder(timeline(), "ATTACHED|attached", "CONNECTED|connected to 127.0.0.1:" + port);
        });

        // the send button: 401 without and with wrong credentials, 200 with them, like the API (page and API: 2 sent)
        peer.expectTransfer().accept();
        peer.expectTransfer().accept();
        assertSameAnswer("messages", "", 401);
        assertSameAnswer("messages", "wrong-password", 401);
        assertSameAnswer("messages", ScriptedRouter.TEST_PASSWORD, 200);
        assertThat(text("result")).contains("ACCEPTED");
        assertSameAnswer("pause", "", 401);
        assertSameAnswer("pause", ScriptedRouter.TEST_PASSWORD, 200);
        peer.waitForScriptToComplete(5, TimeUnit.SECONDS);
        await().atMost(PAGE_UPDATE).untilAsserted(() -> assertThat(counter("accepted")).isEqualTo("2"));

        // one message in flight, not settled, when the broker dies
        peer.expectTransfer();
        publish(1);
        peer.waitForScriptToComplete(5, TimeUnit.SECONDS);

        List<RouterScript.AttachSeen> attaches = new CopyOnWriteArrayList<>();
        peer.expectDetach().withClosed(true);
        for (int i = 0; i < REFUSALS; i++) {
            RouterScript.expectRefusedAttach(peer, attaches);
        }
        RouterScript.expectAttachWithCredit(peer, 10, attaches);
        peer.expectTransfer().accept(); // the re-send
        peer.expectTransfer().accept(); // what the page sent during the outage
        peer.expectTransfer().accept(); // what the API sent during the outage
        RouterScript.detachRoutedLinkLost(peer);

        await().atMost(PAGE_UPDATE).untilAsserted(() -> {
            assertThat(state()).isIn("DETACHED", "NO_ROUTE");
            assertThat(timeline()).anyMatch(e -> e.equals(
                    "DETACHED|detached: qd:routed-link-lost; 1 unsettled to re-send (" + RouterScript.LOST_DESCRIPTION + ")"));
        });
        await().atMost(PAGE_UPDATE).untilAsserted(() -> {
            assertThat(state()).isEqualTo("NO_ROUTE");
            assertThat(timeline().get(0)).matches("REFUSED\\|refused x\\d+ over \\d+ s: qd:no-route-to-dest");
            assertThat(text("last-error")).startsWith(RouterScript.NO_ROUTE + " (" + RouterScript.NO_ROUTE_DESCRIPTION + ")");
        });
        browser.screenshot("live-page-outage");
        assertSameAnswer("messages", ScriptedRouter.TEST_PASSWORD, 202);
        assertThat(text("result")).contains("PENDING");

        peer.waitForScriptToComplete(15, TimeUnit.SECONDS);
        await().atMost(PAGE_UPDATE).untilAsserted(() -> {
            assertThat(state()).isEqualTo("ATTACHED");
            assertInOrder(timeline(),
                    "REATTACHED|re-attached after qd:routed-link-lost (" + REFUSALS + " refused before); 1 re-sent",
                    "REFUSED|refused x" + REFUSALS + " over ",
                    "DETACHED|detached: qd:routed-link-lost");
        });
        await().atMost(PAGE_UPDATE).untilAsserted(() -> assertThat(counter("accepted")).isEqualTo("5"));
        browser.screenshot("live-page-recovered");

        // readable on a phone: nothing wider than the screen
        browser.resize(390, 844);
        await().atMost(PAGE_UPDATE).untilAsserted(() -> assertThat(
                (Long) browser.eval("return document.documentElement.scrollWidth - document.documentElement.clientWidth;"))
                .isLessThanOrEqualTo(0L));
        browser.screenshot("live-page-phone");

        RouterScript.expectShutdown(peer);
    }

    /** Clicks the page's button for {@code action} with {@code password}, then asks the API the same: both answer {@code code}. */
    private void assertSameAnswer(String action, String password, int code) {
        WebElement field = browser.driver().findElement(By.id("password"));
        field.clear();
        field.sendKeys(password);
        browser.driver().findElement(By.id(action.equals("messages") ? "send" : action)).click();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(browser.driver().findElement(By.id("result")).getDomAttribute("data-status"))
                        .as("%s with password '%s' from the page", action, password).isEqualTo(String.valueOf(code)));
        var request = password.isEmpty() ? given() : given().auth().preemptive().basic(Rest.USER, password);
        if (action.equals("messages")) {
            request.contentType("text/plain").body("from the api").post("/messages").then().statusCode(code);
        } else {
            request.post("/emitter/" + action).then().statusCode(code);
        }
    }

    /** Each of {@code prefixes} starts a line of {@code lines}, in this order. */
    private static void assertInOrder(List<String> lines, String... prefixes) {
        int from = 0;
        for (String prefix : prefixes) {
            int found = -1;
            for (int i = from; i < lines.size() && found < 0; i++) {
                if (lines.get(i).startsWith(prefix)) {
                    found = i;
                }
            }
            assertThat(found).as("a line starting with '%s' after line %d of %s", prefix, from, lines).isNotNegative();
            from = found + 1;
        }
    }

    private String state() {
        return browser.eval("return document.getElementById('state').dataset.state;");
    }

    private String text(String id) {
        return browser.eval("return document.getElementById(arguments[0]).textContent;", id);
    }

    private String counter(String name) {
        return browser.eval("return document.querySelector('#counter-' + arguments[0] + ' td:nth-child(2)').textContent;", name);
    }

    /** The timeline as "KIND|text" lines, newest first, read in one go (the page re-renders every second). */
    private List<String> timeline() {
        return browser.eval("return Array.from(document.querySelectorAll('#timeline li'))"
                + ".map(li => li.dataset.kind + '|' + li.querySelector('.text').textContent);");
    }
}
