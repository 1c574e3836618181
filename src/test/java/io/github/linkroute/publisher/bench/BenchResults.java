package io.github.linkroute.publisher.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The benchmark's figures, gathered across its classes (and their class loaders) in
 * target/bench/results.json: {@code figures} (one object per figure: name, unit, median, min, max,
 * rounds) and {@code details} (samples, settings, the profile's hot frames).
 */
final class BenchResults {

    static final Path FILE = Path.of("target", "bench", "results.json");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private BenchResults() {
    }

    /** One figure from its rounds, replacing an earlier one of the same name. */
    static void figure(String name, String unit, Collection<? extends Number> rounds) {
        List<Double> values = rounds.stream().map(Number::doubleValue).toList();
        Map<String, Object> figure = new LinkedHashMap<>();
        figure.put("name", name);
        figure.put("unit", unit);
        figure.put("median", round(median(values)));
        figure.put("min", round(values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN)));
        figure.put("max", round(values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN)));
        figure.put("rounds", values.stream().map(BenchResults::round).toList());
        update(all -> {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> figures = (List<Map<String, Object>>) all.computeIfAbsent("figures", k -> new ArrayList<>());
            figures.removeIf(f -> name.equals(f.get("name")));
            figures.add(figure);
        });
    }

    /** Everything else a section wants kept: settings, samples over time. */
    static void put(String section, Map<String, Object> values) {
        update(all -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> details = (Map<String, Object>) all.computeIfAbsent("details", k -> new LinkedHashMap<>());
            details.put(section, values);
        });
    }

    private static synchronized void update(java.util.function.Consumer<Map<String, Object>> change) {
        try {
            Map<String, Object> all = read();
            change.accept(all);
            write(all);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void write(Map<String, Object> all) throws IOException {
        Files.createDirectories(FILE.getParent());
        JSON.writeValue(FILE.toFile(), all);
    }

    static Map<String, Object> read() throws IOException {
        return Files.exists(FILE) ? JSON.readValue(FILE.toFile(), new TypeReference<LinkedHashMap<String, Object>>() {
        }) : new LinkedHashMap<>();
    }

    static void clear() throws IOException {
        Files.deleteIfExists(FILE);
    }

    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** Four significant digits at most, so that the JSON and the table stay readable. */
    static double round(double value) {
        if (Double.isNaN(value) || value == 0) {
            return value;
        }
        double scale = Math.pow(10, 3 - (int) Math.floor(Math.log10(Math.abs(value))));
        return scale > 1 ? Math.round(value * scale) / scale : Math.round(value / (1 / scale)) * (1 / scale);
    }

    /** Resident set size of this JVM, from /proc (Linux). */
    static long rssBytes() {
        return procStatus(ProcessHandle.current().pid(), "VmRSS") * 1024;
    }

    /** A number from /proc/&lt;pid&gt;/status ({@code VmRSS} in KiB, {@code Threads}); -1 when unreadable. */
    static long procStatus(long pid, String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith(key + ":")) {
                    return Long.parseLong(line.replaceAll("\\D+", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    static long heapUsedAfterGc() {
        System.gc();
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    static long mib(long bytes) {
        return Math.round(bytes / 1048576.0);
    }
}
