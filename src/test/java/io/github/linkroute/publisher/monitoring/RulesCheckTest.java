package io.github.linkroute.publisher.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The alert rules and the dashboard as Prometheus' own tools read them: the rules file passes
 * {@code promtool check rules}; the rule unit tests shipped beside it pass {@code promtool test rules}
 * (the link alert fires after 5 minutes and clears, the first rejection of a new counter alerts, a
 * counter at 0 does not, the buffer and reconnect thresholds); the PrometheusRule holds exactly the same
 * groups; every dashboard query is valid PromQL; the dashboard has one repeated row per replica.
 */
@Timeout(60)
class RulesCheckTest {

    @Test
    void theRulesFilePassesPromtoolCheckRules() throws Exception {
        Promtool.Result result = Promtool.run(Monitoring.DIR, "check", "rules", Monitoring.RULES.getFileName().toString());
        assertThat(result.exit()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS: " + ruleCount(Monitoring.rules()) + " rules found");
    }

    @Test
    void theRulesBehaveAsTheirUnitTestsSay() throws Exception {
        Promtool.Result result = Promtool.run(Monitoring.DIR, "test", "rules", Monitoring.RULES_TESTS.getFileName().toString());
        assertThat(result.exit()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS");
        // every alert has a unit test
        String tests = Files.readString(Monitoring.RULES_TESTS);
        for (JsonNode group : Monitoring.rules().path("groups")) {
            group.path("rules").forEach(rule -> assertThat(tests).contains("alertname: " + rule.path("alert").asText()));
        }
    }

    @Test
    void thePrometheusRuleHoldsTheSameRulesAsThePlainFile() throws IOException {
        JsonNode resource = Monitoring.YAML.readTree(Files.readString(Monitoring.PROMETHEUS_RULE));
        assertThat(resource.path("apiVersion").asText()).isEqualTo("monitoring.coreos.com/v1");
        assertThat(resource.path("kind").asText()).isEqualTo("PrometheusRule");
        assertThat(resource.path("metadata").path("name").asText()).isNotBlank();
        assertThat(fieldNames(resource.path("spec"))).containsExactly("groups");
        assertThat(resource.path("spec").path("groups")).isEqualTo(Monitoring.rules().path("groups"));
    }

    @Test
    void everyDashboardQueryIsValidPromQl() throws Exception {
        List<String> exprs = new ArrayList<>();
        collect(Monitoring.dashboard().path("panels"), exprs);
        assertThat(exprs).hasSizeGreaterThan(10);
        ObjectNode file = Monitoring.YAML.createObjectNode();
        ArrayNode rules = file.putArray("groups").addObject().put("name", "dashboard").putArray("rules");
        for (int i = 0; i < exprs.size(); i++) {
            rules.addObject().put("record", "dashboard:query_" + i)
                    .put("expr", PromQl.substitute(exprs.get(i), Map.of("pod", "amqp-link-publisher-0")));
        }
        Path dir = Files.createDirectories(Path.of("target/monitoring"));
        Files.writeString(dir.resolve("dashboard-queries.rules.yaml"), Monitoring.YAML.writeValueAsString(file));
        Promtool.Result result = Promtool.run(dir, "check", "rules", "dashboard-queries.rules.yaml");
        assertThat(result.exit()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS: " + exprs.size() + " rules found");
    }

    @Test
    void theDashboardHasOneRowPerReplicaAndItsOwnDataSource() throws IOException {
        JsonNode dashboard = Monitoring.dashboard();
        JsonNode variables = dashboard.path("templating").path("list");
        assertThat(variables).extracting(v -> v.path("name").asText()).contains("datasource", "pod");
        assertThat(dashboard.path("panels")).anyMatch(p -> p.path("type").asText().equals("row")
                && p.path("repeat").asText().equals("pod"));
        Set<Integer> ids = new HashSet<>();
        List<JsonNode> all = new ArrayList<>();
        flatten(dashboard.path("panels"), all);
        for (JsonNode panel : all) {
            assertThat(ids.add(panel.path("id").asInt())).as("panel id " + panel.path("id")).isTrue();
            if (panel.has("targets")) {
                assertThat(panel.path("datasource").path("uid").asText()).as(panel.path("title").asText()).isEqualTo("${datasource}");
                assertThat(panel.path("description").asText()).as(panel.path("title").asText()).isNotBlank();
            }
        }
    }

    private static int ruleCount(JsonNode rules) {
        int n = 0;
        for (JsonNode group : rules.path("groups")) {
            n += group.path("rules").size();
        }
        return n;
    }

    private static void collect(JsonNode panels, List<String> exprs) {
        for (JsonNode panel : panels) {
            panel.path("targets").forEach(t -> exprs.add(t.path("expr").asText()));
            collect(panel.path("panels"), exprs);
        }
    }

    private static void flatten(JsonNode panels, List<JsonNode> all) {
        for (JsonNode panel : panels) {
            all.add(panel);
            flatten(panel.path("panels"), all);
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
