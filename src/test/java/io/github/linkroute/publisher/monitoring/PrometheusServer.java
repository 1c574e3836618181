package io.github.linkroute.publisher.monitoring;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A real Prometheus process on a free loopback port, with its own config, rules and TSDB under a
 * folder of {@code target/}, and its HTTP API. Its log stays in that folder for the failure report.
 */
final class PrometheusServer implements AutoCloseable {

    private final Process process;
    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private PrometheusServer(Process process, URI base) {
        this.process = process;
        this.base = base;
    }

    /**
     * Writes {@code config} (prometheus.yml, which may name files already written to {@code dir}) and
     * starts Prometheus on it, with an empty TSDB: samples of an earlier run would still count as
     * current for 5 minutes (no stale markers are written at shutdown).
     */
    static PrometheusServer start(Path dir, String config) throws IOException {
        Path binary = Promtool.binary("prometheus");
        Files.createDirectories(dir);
        Path tsdb = dir.resolve("tsdb");
        if (Files.exists(tsdb)) {
            try (var files = Files.walk(tsdb)) {
                for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
        Files.writeString(dir.resolve("prometheus.yml"), config);
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Process process = new ProcessBuilder(List.of(binary.toString(),
                "--config.file=" + dir.resolve("prometheus.yml").toAbsolutePath(),
                "--storage.tsdb.path=" + dir.resolve("tsdb").toAbsolutePath(),
                "--web.listen-address=127.0.0.1:" + port))
                .directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        PrometheusServer server = new PrometheusServer(process, URI.create("http://127.0.0.1:" + port));
        try {
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> process.isAlive() && server.status("/-/ready") == 200);
        } catch (RuntimeException e) {
            server.close();
            throw new IllegalStateException("Prometheus did not get ready; see " + dir.resolve("prometheus.log"), e);
        }
        return server;
    }

    /** GET of an API path: the JSON {@code data} of a successful answer; fails on {@code status: error}. */
    JsonNode api(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode body = Monitoring.JSON.readTree(response.body());
        if (!"success".equals(body.path("status").asText())) {
            throw new IllegalStateException(path + ": " + response.body());
        }
        return body.path("data");
    }

    /** An instant query now: its result vector. */
    JsonNode query(String promql) throws IOException, InterruptedException {
        return api("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)).path("result");
    }

    /** The state of an alerting rule as Prometheus evaluates it: inactive, pending or firing. */
    String ruleState(String alert) throws IOException, InterruptedException {
        for (JsonNode group : api("/api/v1/rules?type=alert").path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                if (alert.equals(rule.path("name").asText())) {
                    return rule.path("state").asText();
                }
            }
        }
        throw new IllegalStateException("no alerting rule " + alert);
    }

    /** The active (pending or firing) alerts named {@code alert}, from /api/v1/alerts. */
    List<JsonNode> alerts(String alert) throws IOException, InterruptedException {
        List<JsonNode> found = new java.util.ArrayList<>();
        api("/api/v1/alerts").path("alerts").forEach(a -> {
            if (alert.equals(a.path("labels").path("alertname").asText())) {
                found.add(a);
            }
        });
        return found;
    }

    private int status(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(2)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
