package io.github.linkroute.publisher.monitoring;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough of PromQL to say what an expression reads: its series selectors (metric name and label
 * matchers) and the labels it groups or matches by. Strings, ranges and numbers are skipped; functions
 * and aggregations are told from metric names by the parenthesis that follows them or by name.
 */
final class PromQl {

    /** A label matcher: {@code op} is one of =, !=, =~, !~. */
    record LabelMatcher(String label, String op, String value) {
    }

    /** One series selector: {@code metric{matchers}}. */
    record Selector(String metric, List<LabelMatcher> matchers) {
    }

    /** What an expression reads. */
    record Parsed(String expr, List<Selector> selectors, Set<String> groupingLabels) {

        Set<String> metrics() {
            Set<String> names = new LinkedHashSet<>();
            selectors.forEach(s -> names.add(s.metric()));
            return names;
        }
    }

    static final Set<String> AGGREGATIONS = Set.of("sum", "min", "max", "avg", "group", "stddev", "stdvar", "count",
            "count_values", "bottomk", "topk", "quantile", "limitk", "limit_ratio");
    static final Set<String> LABEL_LISTS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right");
    static final Set<String> KEYWORDS = Set.of("offset", "bool", "and", "or", "unless", "atan2", "inf", "nan", "start", "end");

    private static final Pattern MATCHER = Pattern.compile(
            "\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*,?");

    private PromQl() {
    }

    static Parsed parse(String expr) {
        List<Selector> selectors = new ArrayList<>();
        Set<String> grouping = new LinkedHashSet<>();
        String pendingList = null;
        int i = 0;
        int n = expr.length();
        while (i < n) {
            char c = expr.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '"' || c == '\'' || c == '`') {
                i = skipString(expr, i);
            } else if (c == '[') {
                i = expr.indexOf(']', i) + 1;
            } else if (c == '{') {
                // a selector without a metric name ({__name__=...}): not used here, but read it
                int end = closingBrace(expr, i);
                selectors.add(new Selector(null, matchers(expr.substring(i + 1, end))));
                i = end + 1;
            } else if (c == '(' && pendingList != null) {
                int end = expr.indexOf(')', i);
                for (String label : expr.substring(i + 1, end).split(",")) {
                    if (!label.isBlank()) {
                        grouping.add(label.trim());
                    }
                }
                pendingList = null;
                i = end + 1;
            } else if (Character.isLetter(c) || c == '_' || c == ':') {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(expr.charAt(i)) || expr.charAt(i) == '_' || expr.charAt(i) == ':')) {
                    i++;
                }
                String word = expr.substring(start, i);
                int next = i;
                while (next < n && Character.isWhitespace(expr.charAt(next))) {
                    next++;
                }
                char after = next < n ? expr.charAt(next) : ' ';
                if (LABEL_LISTS.contains(word)) {
                    pendingList = word;
                } else if (KEYWORDS.contains(word) || AGGREGATIONS.contains(word) || after == '(') {
                    pendingList = null;
                } else if (after == '{') {
                    int end = closingBrace(expr, next);
                    selectors.add(new Selector(word, matchers(expr.substring(next + 1, end))));
                    i = end + 1;
                } else {
                    selectors.add(new Selector(word, List.of()));
                }
            } else if (Character.isDigit(c) || c == '.') {
                while (i < n && (Character.isLetterOrDigit(expr.charAt(i)) || expr.charAt(i) == '.')) {
                    i++;
                }
            } else {
                i++;
            }
        }
        return new Parsed(expr, selectors, grouping);
    }

    /** Label names in Go templates such as {@code {{ $labels.pod }}} or Grafana legends such as {@code {{pod}}}. */
    static Set<String> templateLabels(String text) {
        Set<String> labels = new LinkedHashSet<>();
        Matcher m = Pattern.compile("\\{\\{\\s*(?:\\$labels\\.)?([a-zA-Z_][a-zA-Z0-9_]*)\\s*}}").matcher(text);
        while (m.find()) {
            labels.add(m.group(1));
        }
        Matcher dollar = Pattern.compile("\\$labels\\.([a-zA-Z_][a-zA-Z0-9_]*)").matcher(text);
        while (dollar.find()) {
            labels.add(dollar.group(1));
        }
        return labels;
    }

    /** Grafana's variables replaced: intervals by a duration, the others by the given values (or ".*"). */
    static String substitute(String expr, Map<String, String> values) {
        String out = expr.replaceAll("\\$__rate_interval|\\$__interval|\\$__range", "1m");
        Matcher m = Pattern.compile("\\$\\{?([a-zA-Z_][a-zA-Z0-9_]*)}?").matcher(out);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(values.getOrDefault(m.group(1), ".*")));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static List<LabelMatcher> matchers(String body) {
        List<LabelMatcher> matchers = new ArrayList<>();
        Matcher m = MATCHER.matcher(body);
        int at = 0;
        while (m.find() && m.start() == at) {
            matchers.add(new LabelMatcher(m.group(1), m.group(2), m.group(3)));
            at = m.end();
        }
        if (!body.substring(at).isBlank()) {
            throw new IllegalArgumentException("cannot read label matchers {" + body + "}");
        }
        return matchers;
    }

    /** The '}' that closes the matchers opened at {@code open}, braces inside label values skipped. */
    private static int closingBrace(String expr, int open) {
        int j = open + 1;
        while (expr.charAt(j) != '}') {
            char c = expr.charAt(j);
            j = c == '"' || c == '\'' || c == '`' ? skipString(expr, j) : j + 1;
        }
        return j;
    }

    private static int skipString(String expr, int i) {
        char quote = expr.charAt(i);
        int j = i + 1;
        while (j < expr.length() && expr.charAt(j) != quote) {
            j += expr.charAt(j) == '\\' && quote != '`' ? 2 : 1;
        }
        return j + 1;
    }

    static Map<String, String> equalities(Selector selector) {
        Map<String, String> eq = new LinkedHashMap<>();
        selector.matchers().stream().filter(m -> m.op().equals("=")).forEach(m -> eq.put(m.label(), m.value()));
        return eq;
    }
}
