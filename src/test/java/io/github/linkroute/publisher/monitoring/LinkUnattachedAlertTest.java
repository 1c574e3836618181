package io.github.linkroute.publisher.monitoring;

import static io.github.linkroute.publisher.support.Links.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.linkroute.publisher.link.LinkState;
import io.github.linkroute.publisher.support.RouterScript;
import io.github.linkroute.publisher.support.ScriptedRouterProfile;
import io.github.linkroute.publisher.support.ScriptedRouterTest;
import io.quarkus.logging.Log;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;

/**
 * A real Prometheus (1 s scrape and evaluation) scrapes the running service through the shipped
 * scrape job (its relabelling fed with the pod annotations and labels of deploy/base/publisher.yaml)
 * and evaluates the shipped rules, with {@code for:} cut to 2 s. The scripted router loses the link
 * ({@code qd:routed-link-lost}) and refuses re-attaches ({@code qd:no-route-to-dest}): the "link
 * unattached" alert goes pending, then firing while the link is still down, then inactive once the
 * credited re-attach is scraped. The first REJECTED fires the rejection alert with its condition.
 * Every dashboard query runs on this Prometheus without error and answers with data when it reads
 * only metrics Prometheus has. Timings go to target/monitoring/alert-timings.txt.
 */
@QuarkusTest
@TestProfile(LinkUnattachedAlertTest.Profile.class)
@Timeout(120)
class LinkUnattachedAlertTest extends ScriptedRouterTest {

    static final String ALERT = "PublisherLinkUnattached";
    static final String POD = "amqp-link-publisher-0";
    static final String NAMESPACE = "alert-test";
    /** qd:no-route-to-dest answers, one per retry interval (400 ms): an outage of some 19 s, firing takes 3-7 s here. */
    static final int REFUSALS = 45;
    static final Path DIR = Path.of("target/monitoring/prometheus");

    public static class Profile extends ScriptedRouterProfile {
    }

    @Test
    void linkUnattachedFiresDuringTheOutageAndResolvesAfterTheReattach() throws Exception {
        awaitAttached();
        // Outcomes before the first scrape: the link's metrics appear with the first link event
        // (LinkMetrics is a lazy @ApplicationScoped bean), not at start-up.
        peer.expectTransfer().accept();
        peer.expectTransfer().reject("amqp:resource-limit-exceeded", "queue full");
        publish(1);
        publish(2);
        peer.waitForScriptToComplete(5, TimeUnit.SECONDS);
        try (PrometheusServer prometheus = PrometheusServer.start(DIR, config())) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(prometheus.query(
                    "publisher_link_state{state=\"ATTACHED\", pod=\"" + POD + "\", namespace=\"" + NAMESPACE + "\"} == 1"))
                    .as("scraped ATTACHED; targets: %s", prometheus.api("/api/v1/targets")).hasSize(1));
            assertThat(prometheus.ruleState(ALERT)).isEqualTo("inactive");
            // the broker's first rejection: a new counter, seen by the rule's "unless offset" part
            await().atMost(Duration.ofSeconds(10)).until(() -> prometheus.alerts("PublisherMessagesRejected").stream()
                    .anyMatch(a -> a.path("state").asText().equals("firing")
                            && a.path("labels").path("condition").asText().equals("amqp:resource-limit-exceeded")));

            // the outage
            List<RouterScript.AttachSeen> attaches = new CopyOnWriteArrayList<>();
            peer.expectDetach().withClosed(true);
            for (int i = 0; i < REFUSALS; i++) {
                RouterScript.expectRefusedAttach(peer, attaches);
            }
            RouterScript.expectAttachWithCredit(peer, 10, attaches);
            long start = System.nanoTime();
            RouterScript.detachRoutedLinkLost(peer);

            List<String> states = new CopyOnWriteArrayList<>();
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).until(() -> {
                String state = prometheus.ruleState(ALERT);
                if (states.isEmpty() || !states.get(states.size() - 1).equals(state)) {
                    states.add(state);
                }
                return state.equals("firing");
            });
            long firing = System.nanoTime();
            assertThat(status(links).state()).as("the link is still down when the alert fires").isNotEqualTo(LinkState.ATTACHED);
            assertThat(states).as("states seen").containsSubsequence("pending", "firing");
            JsonNode alert = prometheus.alerts(ALERT).get(0);
            assertThat(alert.path("labels").path("pod").asText()).isEqualTo(POD);
            assertThat(alert.path("labels").path("namespace").asText()).isEqualTo(NAMESPACE);
            assertThat(alert.path("labels").path("severity").asText()).isEqualTo("warning");
            assertThat(alert.path("annotations").path("summary").asText()).isEqualTo(POD + ": no attached AMQP link for 5 minutes");

            peer.waitForScriptToComplete(30, TimeUnit.SECONDS);
            await().until(() -> status(links).state() == LinkState.ATTACHED);
            assertThat(attaches).hasSize(REFUSALS + 1);
            long reattached = attaches.get(REFUSALS).nanoTime();
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                    .until(() -> prometheus.ruleState(ALERT).equals("inactive"));
            long resolved = System.nanoTime();
            assertThat(prometheus.alerts(ALERT)).isEmpty();

            String timings = String.format(
                    "outage start (routed-link-lost) -> firing: %d ms (for: 2s, scrape and evaluation every 1 s)%n"
                            + "outage start -> credited re-attach: %d ms (%d refusals, retry 400 ms)%n"
                            + "credited re-attach -> inactive: %d ms%nrule states seen: %s%n",
                    ms(firing - start), ms(reattached - start), REFUSALS, ms(resolved - reattached), states);
            Files.writeString(DIR.resolveSibling("alert-timings.txt"), timings);
            Log.info("alert timings:\n" + timings);

            // a counter born at the re-attach needs two scrapes before rate() and increase() see it
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> everyDashboardQueryAnswers(prometheus));
        }
        RouterScript.expectShutdown(peer);
    }

    private static void everyDashboardQueryAnswers(PrometheusServer prometheus) throws Exception {
        Set<String> names = new TreeSet<>();
        prometheus.api("/api/v1/label/__name__/values").forEach(n -> names.add(n.asText()));
        List<String> empty = new ArrayList<>();
        for (Monitoring.Query query : Monitoring.queries(Map.of("pod", POD, "namespace", NAMESPACE))) {
            if (!query.where().startsWith("panel")) {
                continue;
            }
            JsonNode result = prometheus.query(query.parsed().expr());
            if (names.containsAll(query.parsed().metrics()) && result.isEmpty()) {
                empty.add(query.where() + ": " + query.parsed().expr());
            }
        }
        assertThat(empty).as("dashboard queries without data though Prometheus has their metrics").isEmpty();
    }

    /** The shipped scrape job on a static target carrying what Kubernetes discovery would give it, and a copy of the rules. */
    private static String config() throws IOException {
        JsonNode pod = podTemplateMetadata();
        JsonNode rules = Monitoring.rules().deepCopy();
        for (JsonNode group : rules.path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                if (rule.has("for")) {
                    ((ObjectNode) rule).put("for", "2s");
                }
            }
        }
        Files.createDirectories(DIR);
        Files.writeString(DIR.resolve("rules.yaml"), Monitoring.YAML.writeValueAsString(rules));

        ObjectNode job = (ObjectNode) Monitoring.YAML.readTree(Files.readString(Monitoring.SCRAPE_CONFIG))
                .path("scrape_configs").get(0).deepCopy();
        job.remove("kubernetes_sd_configs");
        job.put("scrape_interval", "1s");
        ObjectNode labels = job.putArray("static_configs").addObject();
        labels.putArray("targets").add("127.0.0.1:" + RestAssured.port);
        ObjectNode meta = labels.putObject("labels");
        pod.path("annotations").fields().forEachRemaining(a -> meta.put(
                "__meta_kubernetes_pod_annotation_" + sanitize(a.getKey()), a.getValue().asText()));
        pod.path("labels").fields().forEachRemaining(l -> meta.put(
                "__meta_kubernetes_pod_label_" + sanitize(l.getKey()), l.getValue().asText()));
        // the one thing changed: the service under test listens on its test port, not the pod's 8080
        meta.put("__meta_kubernetes_pod_annotation_prometheus_io_port", String.valueOf(RestAssured.port));
        meta.put("__meta_kubernetes_namespace", NAMESPACE);
        meta.put("__meta_kubernetes_pod_name", POD);

        ObjectNode config = Monitoring.YAML.createObjectNode();
        config.putObject("global").put("scrape_interval", "1s").put("evaluation_interval", "1s");
        config.putArray("rule_files").add("rules.yaml");
        ((ArrayNode) config.putArray("scrape_configs")).add(job);
        return Monitoring.YAML.writeValueAsString(config);
    }

    private static JsonNode podTemplateMetadata() throws IOException {
        try (var documents = Monitoring.YAML.readerFor(JsonNode.class)
                .<JsonNode>readValues(Files.readString(Path.of("deploy/base/publisher.yaml")))) {
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document.path("kind").asText().equals("StatefulSet")) {
                    return document.path("spec").path("template").path("metadata");
                }
            }
        }
        throw new IllegalStateException("no StatefulSet in deploy/base/publisher.yaml");
    }

    /** How Kubernetes discovery turns an annotation or label name into a label name. */
    private static String sanitize(String name) {
        return name.replaceAll("[^a-zA-Z0-9_]", "_");
    }

    private static long ms(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }
}
