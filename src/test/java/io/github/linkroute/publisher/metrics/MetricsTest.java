package io.github.linkroute.publisher.metrics;

import static io.github.linkroute.publisher.support.Links.status;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.linkroute.publisher.link.LinkState;
import io.github.linkroute.publisher.support.RouterScript;
import io.github.linkroute.publisher.support.ScriptedRouterProfile;
import io.github.linkroute.publisher.support.ScriptedRouterTest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** /q/metrics after a scripted link loss: counters tagged with the condition, gauges, the settle timer, time unattached. */
@QuarkusTest
@TestProfile(MetricsTest.Profile.class)
@Timeout(60)
class MetricsTest extends ScriptedRouterTest {

    public static class Profile extends ScriptedRouterProfile {
    }

    @Test
    void scrapeShowsWhatHappened() throws Exception {
        awaitAttached();

        peer.expectTransfer().accept();
        peer.expectTransfer().reject("amqp:precondition-failed", "no");
        peer.expectTransfer();
        publishUnnumbered(3);
        peer.waitForScriptToComplete(5, TimeUnit.SECONDS);

        List<RouterScript.AttachSeen> attaches = new CopyOnWriteArrayList<>();
        peer.expectDetach().withClosed(true);
        RouterScript.expectRefusedAttach(peer, attaches);
        RouterScript.expectAttachWithCredit(peer, 10, attaches);
        peer.expectTransfer().accept();
        RouterScript.detachRoutedLinkLost(peer);
        peer.waitForScriptToComplete(10, TimeUnit.SECONDS);
        await().until(() -> status(links).counters().accepted() == 2 && status(links).state() == LinkState.ATTACHED);

        String scrape = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(value(scrape, "publisher_messages_sent_total", "channel=\"publish\"")).isEqualTo(4.0);
        assertThat(value(scrape, "publisher_messages_accepted_total", "channel=\"publish\"")).isEqualTo(2.0);
        assertThat(value(scrape, "publisher_messages_resent_total", "channel=\"publish\"")).isEqualTo(1.0);
        assertThat(value(scrape, "publisher_messages_rejected_total", "condition=\"amqp:precondition-failed\"")).isEqualTo(1.0);
        assertThat(value(scrape, "publisher_link_losses_total", "condition=\"qd:routed-link-lost\"")).isEqualTo(1.0);
        assertThat(value(scrape, "publisher_link_attach_refused_total", "condition=\"qd:no-route-to-dest\"")).isEqualTo(1.0);
        assertThat(value(scrape, "publisher_link_reattaches_total", "condition=\"qd:routed-link-lost\"")).isEqualTo(1.0);
        assertThat(value(scrape, "publisher_link_state", "state=\"ATTACHED\"")).isEqualTo(1.0);
        assertThat(value(scrape, "publisher_link_state", "state=\"NO_ROUTE\"")).isEqualTo(0.0);
        assertThat(value(scrape, "publisher_buffer_depth", "channel=\"publish\"")).isEqualTo(0.0);
        assertThat(value(scrape, "publisher_buffer_capacity", "channel=\"publish\"")).isEqualTo(1000.0);
        assertThat(value(scrape, "publisher_unsettled", "channel=\"publish\"")).isEqualTo(0.0);
        assertThat(value(scrape, "publisher_send_settle_seconds_count", "outcome=\"ACCEPTED\"")).isEqualTo(2.0);
        assertThat(value(scrape, "publisher_send_settle_seconds_count", "outcome=\"REJECTED\"")).isEqualTo(1.0);
        // histogram buckets up to 30 s for p50/p99 (histogram_quantile): both accepted ones settled within it
        assertThat(value(scrape, "publisher_send_settle_seconds_bucket", "outcome=\"ACCEPTED\",le=\"+Inf\"")).isEqualTo(2.0);
        assertThat(value(scrape, "publisher_send_settle_seconds_bucket", "outcome=\"ACCEPTED\",le=\"30.0\"")).isEqualTo(2.0);
        // the outage lasted at least one retry interval (400 ms)
        assertThat(value(scrape, "publisher_link_unattached_seconds_total", "channel=\"publish\"")).isGreaterThanOrEqualTo(0.35);

        RouterScript.expectShutdown(peer);
    }

    private void publishUnnumbered(int count) {
        for (int i = 0; i < count; i++) {
            publisher.publish("m" + i, Map.of()).orElseThrow();
        }
    }

    /** The value of the first sample of {@code name} whose labels contain {@code label}. */
    private static double value(String scrape, String name, String label) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)$").matcher(scrape);
        while (m.find()) {
            if (m.group(1).contains(label)) {
                return Double.parseDouble(m.group(2));
            }
        }
        throw new AssertionError("no sample " + name + "{" + label + "} in the scrape");
    }
}
