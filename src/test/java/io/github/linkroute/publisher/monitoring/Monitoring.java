package io.github.linkroute.publisher.monitoring;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * What deploy/monitoring/ asks of the service's metrics: every query of the Grafana dashboard (panels,
 * legends, template variables) and of the alert rules (expressions, label and annotation templates),
 * read from the shipped files, and the check that a scrape has what they read.
 */
final class Monitoring {

    static final Path DIR = Path.of("deploy/monitoring");
    static final Path DASHBOARD = DIR.resolve("publisher-dashboard.json");
    static final Path RULES = DIR.resolve("publisher-rules.yaml");
    static final Path RULES_TESTS = DIR.resolve("publisher-rules.test.yaml");
    static final Path PROMETHEUS_RULE = DIR.resolve("publisher-prometheusrule.yaml");
    static final Path SERVICE_MONITOR = DIR.resolve("publisher-servicemonitor.yaml");
    static final Path SCRAPE_CONFIG = DIR.resolve("prometheus-scrape.yaml");

    /** Labels Prometheus itself puts on every target. */
    static final Set<String> PROMETHEUS_TARGET_LABELS = Set.of("instance", "job");
    /** Labels the prometheus-operator puts on every target of a ServiceMonitor (its documented defaults). */
    static final Set<String> OPERATOR_TARGET_LABELS = Set.of("instance", "job", "namespace", "service", "pod", "container",
            "endpoint");

    static final ObjectMapper JSON = new ObjectMapper();
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** One query and where it is: {@code labels} are the label names its legend or templates print. */
    record Query(String where, PromQl.Parsed parsed, Set<String> printedLabels) {
    }

    private Monitoring() {
    }

    static JsonNode dashboard() throws IOException {
        return JSON.readTree(Files.readString(DASHBOARD));
    }

    static JsonNode rules() throws IOException {
        return YAML.readTree(Files.readString(RULES));
    }

    /** Every query of the dashboard and the rules, Grafana variables replaced by {@code variables} (else ".*"). */
    static List<Query> queries(Map<String, String> variables) throws IOException {
        List<Query> queries = new ArrayList<>();
        for (JsonNode panel : dashboard().path("panels")) {
            panelQueries(panel, variables, queries);
        }
        for (JsonNode variable : dashboard().path("templating").path("list")) {
            if (!variable.path("type").asText().equals("query")) {
                continue;
            }
            JsonNode query = variable.path("query");
            String text = query.isTextual() ? query.asText() : query.path("query").asText();
            Matcher m = Pattern.compile("^label_values\\((.*),\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\)$").matcher(text.trim());
            if (!m.matches()) {
                throw new IllegalArgumentException("variable " + variable.path("name").asText() + ": not label_values(...): " + text);
            }
            PromQl.Parsed parsed = PromQl.parse(PromQl.substitute(m.group(1), variables));
            queries.add(new Query("variable " + variable.path("name").asText(), parsed, Set.of(m.group(2))));
        }
        for (JsonNode group : rules().path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                Set<String> printed = new LinkedHashSet<>();
                rule.path("annotations").forEach(a -> printed.addAll(PromQl.templateLabels(a.asText())));
                rule.path("labels").forEach(l -> printed.addAll(PromQl.templateLabels(l.asText())));
                String name = rule.has("alert") ? rule.path("alert").asText() : rule.path("record").asText();
                queries.add(new Query("rule " + name, PromQl.parse(rule.path("expr").asText()), printed));
            }
        }
        return queries;
    }

    private static void panelQueries(JsonNode panel, Map<String, String> variables, List<Query> queries) {
        for (JsonNode target : panel.path("targets")) {
            String expr = PromQl.substitute(target.path("expr").asText(), variables);
            queries.add(new Query("panel \"" + panel.path("title").asText() + "\" " + target.path("refId").asText(),
                    PromQl.parse(expr), PromQl.templateLabels(target.path("legendFormat").asText())));
        }
        for (JsonNode inner : panel.path("panels")) {
            panelQueries(inner, variables, queries);
        }
    }

    /**
     * Labels that both scrape wirings put on every target: Prometheus' own, and those the plain scrape
     * config's relabelling writes that the prometheus-operator also writes for a ServiceMonitor.
     */
    static Set<String> targetLabels() throws IOException {
        Set<String> plain = new LinkedHashSet<>(PROMETHEUS_TARGET_LABELS);
        for (JsonNode job : YAML.readTree(Files.readString(SCRAPE_CONFIG)).path("scrape_configs")) {
            for (JsonNode relabel : job.path("relabel_configs")) {
                String target = relabel.path("target_label").asText();
                if (!target.isEmpty() && !target.startsWith("__")) {
                    plain.add(target);
                }
            }
        }
        plain.retainAll(OPERATOR_TARGET_LABELS);
        return plain;
    }

    /**
     * Why a scrape cannot answer these queries: a metric it lacks (unless {@code awaited}), a label a
     * selector, grouping, legend or template uses that neither the metric nor the scrape target has, an
     * equality matcher on a value the scrape never shows.
     */
    static List<String> problems(List<Query> queries, Scrape scrape, Set<String> targetLabels, Set<String> awaited) {
        List<String> problems = new ArrayList<>();
        for (Query query : queries) {
            Set<String> available = new LinkedHashSet<>(targetLabels);
            boolean awaitedMetric = false;
            for (PromQl.Selector selector : query.parsed().selectors()) {
                if (selector.metric() == null) {
                    problems.add(query.where() + ": a selector without a metric name");
                    continue;
                }
                if (awaited.contains(selector.metric()) && !scrape.has(selector.metric())) {
                    awaitedMetric = true;
                    continue;
                }
                if (!scrape.has(selector.metric())) {
                    problems.add(query.where() + ": no metric " + selector.metric() + " in the scrape");
                    continue;
                }
                Map<String, Set<String>> labels = scrape.labels(selector.metric());
                available.addAll(labels.keySet());
                for (PromQl.LabelMatcher matcher : selector.matchers()) {
                    if (!labels.containsKey(matcher.label()) && !targetLabels.contains(matcher.label())) {
                        problems.add(query.where() + ": " + selector.metric() + " has no label " + matcher.label());
                    } else if (matcher.op().equals("=") && labels.containsKey(matcher.label())
                            && !labels.get(matcher.label()).contains(matcher.value())) {
                        problems.add(query.where() + ": " + selector.metric() + "{" + matcher.label() + "=\"" + matcher.value()
                                + "\"} never appears; values seen: " + labels.get(matcher.label()));
                    }
                }
            }
            Set<String> used = new LinkedHashSet<>(query.parsed().groupingLabels());
            used.addAll(query.printedLabels());
            for (String label : used) {
                if (!available.contains(label) && !awaitedMetric) {
                    problems.add(query.where() + ": label " + label + " is on none of " + query.parsed().metrics()
                            + " nor on the scrape target");
                }
            }
        }
        return problems;
    }
}
