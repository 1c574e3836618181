package io.github.linkroute.publisher.monitoring;

import static io.github.linkroute.publisher.support.Links.status;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.linkroute.publisher.link.LinkState;
import io.github.linkroute.publisher.support.RouterScript;
import io.github.linkroute.publisher.support.ScriptedRouterProfile;
import io.github.linkroute.publisher.support.ScriptedRouterTest;
import io.quarkus.logging.Log;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Every metric, label and label value that the shipped dashboard and alert rules read (parsed from
 * deploy/monitoring/, panels, legends, variables, expressions and annotations) is in a real
 * {@code /q/metrics} scrape of the service, taken after the scripted router made each kind of event
 * happen: a REJECTED, a routed-link-lost, a no-route refusal, a re-attach, a dropped connection and its
 * reconnect. And every {@code publisher_} metric the service exports is on the dashboard.
 */
@QuarkusTest
@TestProfile(DashboardAndRulesMetricsTest.Profile.class)
@Timeout(60)
class DashboardAndRulesMetricsTest extends ScriptedRouterTest {

    /**
     * Read by the rules and dashboard, not yet exported on main, tolerated only while the scrape lacks
     * them: the give-up counter (LinkStats.failed, on /status but not yet a metric) and the spool's
     * gauges (issue 10, being added). Once exported, their labels and values are checked like the rest.
     */
    static final Set<String> AWAITED = Set.of("publisher_messages_failed_total", "publisher_spool_depth",
            "publisher_spool_recovered", "publisher_spool_failed");

    public static class Profile extends ScriptedRouterProfile {
    }

    @Test
    void theScrapeHoldsEverythingTheDashboardAndRulesRead() throws Exception {
        awaitAttached();

        // outcomes: one accepted, one rejected by the broker, one left unsettled by a lost link
        peer.expectTransfer().accept();
        peer.expectTransfer().reject("amqp:resource-limit-exceeded", "queue full");
        peer.expectTransfer();
        for (int i = 0; i < 3; i++) {
            publish(i);
        }
        peer.waitForScriptToComplete(5, TimeUnit.SECONDS);

        // the broker dies behind the router: link lost, one refusal, re-attach, the unsettled one re-sent
        List<RouterScript.AttachSeen> attaches = new CopyOnWriteArrayList<>();
        peer.expectDetach().withClosed(true);
        RouterScript.expectRefusedAttach(peer, attaches);
        RouterScript.expectAttachWithCredit(peer, 10, attaches);
        peer.expectTransfer().accept();
        RouterScript.detachRoutedLinkLost(peer);
        peer.waitForScriptToComplete(10, TimeUnit.SECONDS);
        await().until(() -> status(links).counters().accepted() == 2 && status(links).state() == LinkState.ATTACHED);

        // the router restarts: the connection drops and comes back
        peer.expectTransfer();
        peer.dropAfterLastHandler();
        publish(3);
        peer.waitForScriptToComplete(5, TimeUnit.SECONDS);
        await().until(() -> status(links).state() == LinkState.DISCONNECTED);
        RouterScript.connectAndAttach(peer, 10, attaches);
        peer.expectTransfer().accept();
        peer.waitForScriptToComplete(10, TimeUnit.SECONDS);
        await().until(() -> status(links).counters().accepted() == 3 && status(links).counters().reconnects() == 1);

        Scrape scrape = Scrape.parse(given().get("/q/metrics").then().statusCode(200).extract().asString());
        List<Monitoring.Query> queries = Monitoring.queries(Map.of());
        Set<String> targetLabels = Monitoring.targetLabels();
        assertThat(targetLabels).contains("pod", "namespace", "instance", "job");

        assertThat(Monitoring.problems(queries, scrape, targetLabels, AWAITED)).isEmpty();

        Set<String> read = new TreeSet<>();
        queries.forEach(q -> read.addAll(q.parsed().metrics()));
        Set<String> exported = new TreeSet<>(scrape.series.keySet());
        exported.removeIf(name -> !name.startsWith("publisher_"));
        assertThat(read).as("metrics the dashboard and rules read").containsAll(exported);
        Set<String> missing = new TreeSet<>(AWAITED);
        missing.removeIf(scrape::has);
        Log.infof("dashboard and rules read %d metrics, all in the scrape%s", read.size(),
                missing.isEmpty() ? "" : "; not yet exported (awaited): " + missing);

        RouterScript.expectShutdown(peer);
    }
}
