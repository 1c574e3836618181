package io.github.linkroute.publisher.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The reader behind the metric checks finds every metric and label an expression uses, and the check
 * catches a misspelt metric, a missing label, a wrong label value and a legend printing an absent label:
 * so a green {@link DashboardAndRulesMetricsTest} means the files match the scrape, not that nothing was read.
 */
@Timeout(10)
class PromQlTest {

    @Test
    void readsSelectorsGroupingAndIgnoresFunctionsStringsAndRanges() {
        PromQl.Parsed parsed = PromQl.parse("""
                sum by (condition, pod) (increase(publisher_link_losses_total{pod=~"a{b}", state="X"}[5m] offset 1m))
                / on (pod) group_left max without (outcome) (publisher_send_settle_seconds_max)
                or (publisher_messages_rejected_total > 0 unless publisher_messages_rejected_total offset 5m)
                """);
        assertThat(parsed.metrics()).containsExactly("publisher_link_losses_total", "publisher_send_settle_seconds_max",
                "publisher_messages_rejected_total");
        assertThat(parsed.groupingLabels()).containsExactly("condition", "pod", "outcome");
        assertThat(parsed.selectors().get(0).matchers()).extracting(PromQl.LabelMatcher::label).containsExactly("pod", "state");
        assertThat(PromQl.templateLabels("{{ $labels.pod }} ({{ $value | humanize }}) {{condition}}"))
                .containsExactly("pod", "condition");
        assertThat(PromQl.substitute("rate(x{pod=\"$pod\", ns=~\"${namespace}\"}[$__rate_interval])", Map.of("pod", "p-0")))
                .isEqualTo("rate(x{pod=\"p-0\", ns=~\".*\"}[1m])");
    }

    @Test
    void theCheckCatchesWhatAScrapeDoesNotHave() {
        Scrape scrape = Scrape.parse("""
                # TYPE publisher_link_state gauge
                publisher_link_state{channel="publish",state="ATTACHED"} 1.0
                publisher_link_state{channel="publish",state="NO_ROUTE"} 0.0
                publisher_link_losses_total{channel="publish",condition="qd:routed-link-lost"} 1.0
                """);
        List<Monitoring.Query> queries = List.of(
                query("ok", "sum by (pod, condition) (rate(publisher_link_losses_total[1m]))", Set.of("condition")),
                query("misspelt", "publisher_link_loses_total", Set.of()),
                query("value", "publisher_link_state{state=\"ATTACH\"} == 0", Set.of()),
                query("label", "publisher_link_state{reason=\"x\"}", Set.of()),
                query("legend", "publisher_link_state", Set.of("outcome")),
                query("awaited", "increase(publisher_messages_failed_total[5m]) > 0", Set.of("pod")));
        List<String> problems = Monitoring.problems(queries, scrape, Set.of("instance", "job", "pod"),
                Set.of("publisher_messages_failed_total"));
        assertThat(problems).noneMatch(p -> p.startsWith("ok:") || p.startsWith("awaited:"))
                .anyMatch(p -> p.startsWith("misspelt: no metric publisher_link_loses_total"))
                .anyMatch(p -> p.startsWith("value:") && p.contains("ATTACH\"} never appears"))
                .anyMatch(p -> p.startsWith("label:") && p.contains("no label reason"))
                .anyMatch(p -> p.startsWith("legend:") && p.contains("label outcome"))
                .hasSize(4);
    }

    private static Monitoring.Query query(String where, String expr, Set<String> printed) {
        return new Monitoring.Query(where, PromQl.parse(expr), printed);
    }
}
