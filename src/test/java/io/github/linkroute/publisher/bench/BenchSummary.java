package io.github.linkroute.publisher.bench;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * Starts each {@code ./mvnw -Pbench verify} run with an empty results file and prints the table of
 * every figure and the targets at its end. Registered only on the bench profile's class path
 * (src/test/bench/META-INF/services), so the ordinary test run never sees it.
 */
public class BenchSummary implements TestExecutionListener {

    private long started;

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        started = System.nanoTime();
        try {
            BenchResults.clear();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        try {
            Map<String, Object> all = BenchResults.read();
            all.put("date", OffsetDateTime.now().toString());
            all.put("durationSeconds", Math.round((System.nanoTime() - started) / 1e9));
            all.put("machine", Map.of("cores", Runtime.getRuntime().availableProcessors(),
                    "java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                    "os", System.getProperty("os.name") + " " + System.getProperty("os.arch")));
            all.put("mode", Bench.QUICK ? "quick" : "full");
            all.put("targets", targets(figures(all)));
            BenchResults.write(all);
            System.out.println(table(all));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> figures(Map<String, Object> all) {
        Map<String, Map<String, Object>> byName = new LinkedHashMap<>();
        for (Map<String, Object> f : (List<Map<String, Object>>) all.getOrDefault("figures", List.of())) {
            byName.put((String) f.get("name"), f);
        }
        return byName;
    }

    /** Each target: the ratio of two medians and whether it holds; missing figures are said to be missing. */
    static List<Map<String, Object>> targets(Map<String, Map<String, Object>> figures) {
        List<Map<String, Object>> targets = new ArrayList<>();
        for (String mode : List.of("durable", "nonDurable")) {
            targets.add(ratio(figures, "CPU per message, " + mode + ": service / plain <= 1.25",
                    "cpuPer100k." + mode + ".service", "cpuPer100k." + mode + ".plain", r -> r <= 1.25));
        }
        targets.add(ratio(figures, "non-durable throughput: service / plain >= 0.9",
                "throughput.nonDurable.service", "throughput.nonDurable.plain", r -> r >= 0.9));
        targets.add(ratio(figures, "latency p99 at fixed rate: service / plain <= 2",
                "latency.p99.service", "latency.p99.plain", r -> r <= 2));
        targets.add(ratio(figures, "spool on / off, durable throughput >= 0.9",
                "spool.throughput.on", "spool.throughput.off", r -> r >= 0.9));
        targets.add(ratio(figures, "packaged service RSS after link losses / after warm-up <= 1.10",
                "soak.rss.afterLinkLosses", "soak.rss.afterWarmUp", r -> r <= 1.10));
        targets.add(ratio(figures, "packaged service threads after link losses == after warm-up",
                "soak.threads.afterLinkLosses", "soak.threads.afterWarmUp", r -> r == 1.0));
        return targets;
    }

    private static Map<String, Object> ratio(Map<String, Map<String, Object>> figures, String target, String numerator,
            String denominator, java.util.function.DoublePredicate holds) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("target", target);
        Optional<Double> n = median(figures, numerator);
        Optional<Double> d = median(figures, denominator);
        if (n.isEmpty() || d.isEmpty() || d.get() == 0) {
            t.put("ratio", null);
            t.put("holds", null);
            return t;
        }
        double r = Math.round(n.get() / d.get() * 100) / 100.0;
        t.put("ratio", r);
        t.put("holds", holds.test(r));
        return t;
    }

    private static Optional<Double> median(Map<String, Map<String, Object>> figures, String name) {
        return Optional.ofNullable(figures.get(name)).map(f -> ((Number) f.get("median")).doubleValue());
    }

    @SuppressWarnings("unchecked")
    static String table(Map<String, Object> all) {
        StringBuilder out = new StringBuilder("\n=== benchmark (").append(BenchResults.FILE).append("), ")
                .append(all.get("mode")).append(" mode, ").append(all.get("date")).append(", ")
                .append(all.get("durationSeconds")).append(" s, ").append(all.get("machine")).append(" ===\n");
        out.append(String.format("%-46s %-14s %12s %25s  %s%n", "figure", "unit", "median", "min - max", "rounds"));
        for (Map<String, Object> f : figures(all).values()) {
            out.append(String.format("%-46s %-14s %12s %25s  %d%n", f.get("name"), f.get("unit"), number(f.get("median")),
                    number(f.get("min")) + " - " + number(f.get("max")), ((List<?>) f.get("rounds")).size()));
        }
        out.append("\ntargets\n");
        for (Map<String, Object> t : (List<Map<String, Object>>) all.get("targets")) {
            Object holds = t.get("holds");
            out.append(String.format("  %-66s %6s  %s%n", t.get("target"), t.get("ratio") == null ? "-" : t.get("ratio"),
                    holds == null ? "NOT MEASURED" : (Boolean) holds ? "holds" : "MISSED"));
        }
        Map<String, Object> details = (Map<String, Object>) all.getOrDefault("details", Map.of());
        Object profile = details.get("profile");
        if (profile instanceof Map<?, ?> raw) {
            Map<String, Object> p = (Map<String, Object>) raw;
            out.append("\nprofile of the service's path at saturation (").append(p.get("file")).append(", ")
                    .append(p.get("samples")).append(" execution samples)\n");
            for (String key : List.of("topFrames", "topProjectFrames")) {
                out.append("  ").append(key).append('\n');
                for (Object line : (List<Object>) p.getOrDefault(key, List.of())) {
                    out.append("    ").append(line).append('\n');
                }
            }
        }
        return out.toString();
    }

    private static String number(Object value) {
        if (!(value instanceof Number n)) {
            return String.valueOf(value);
        }
        double d = n.doubleValue();
        return Math.abs(d) >= 100 ? String.format("%,d", Math.round(d)) : String.format("%.3f", d);
    }
}
