package io.github.linkroute.publisher.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** The benchmark's figures, gathered across its classes into target/bench/results.json. */
final class BenchResults {

    static final Path FILE = Path.of("target", "bench", "results.json");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private BenchResults() {
    }

    static synchronized void put(String section, Map<String, Object> values) {
        try {
            Map<String, Object> all = read();
            all.put(section, values);
            Files.createDirectories(FILE.getParent());
            JSON.writeValue(FILE.toFile(), all);
            print(all);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The table of every figure so far (lists of samples left to the JSON file). */
    @SuppressWarnings("unchecked")
    private static void print(Map<String, Object> all) {
        StringBuilder table = new StringBuilder("\n=== benchmark so far (").append(FILE).append(") ===\n");
        all.forEach((section, values) -> {
            table.append(section).append('\n');
            ((Map<String, Object>) values).forEach((key, value) -> {
                if (!(value instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map)) {
                    table.append(String.format("  %-36s %s%n", key, value));
                }
            });
        });
        System.out.println(table);
    }

    static Map<String, Object> read() throws IOException {
        return Files.exists(FILE) ? JSON.readValue(FILE.toFile(), new TypeReference<LinkedHashMap<String, Object>>() {
        }) : new LinkedHashMap<>();
    }

    static void clear() throws IOException {
        Files.deleteIfExists(FILE);
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** Resident set size of this JVM, from /proc (Linux). */
    static long rssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D+", "")) * 1024;
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    static long heapUsedAfterGc() {
        System.gc();
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
