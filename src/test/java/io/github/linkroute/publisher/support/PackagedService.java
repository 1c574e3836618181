package io.github.linkroute.publisher.support;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The packaged application ({@code java -jar target/quarkus-app/quarkus-run.jar}, prod profile) as a
 * process: started with environment variables, its console kept (under target/ too), stopped with
 * SIGTERM or killed with -9, and asked over HTTP as an operator would.
 */
public final class PackagedService implements AutoCloseable {

    public static final Path APP = Path.of(System.getProperty("quarkus.app.dir", "target/quarkus-app"));
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final int httpPort;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Thread reader;
    private final HttpClient http = HttpClient.newHttpClient();

    private PackagedService(Process process, int httpPort, Path log) {
        this.process = process;
        this.httpPort = httpPort;
        this.reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                    Files.writeString(log, line + "\n", java.nio.file.StandardOpenOption.CREATE,
                            java.nio.file.StandardOpenOption.APPEND);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        });
        reader.start();
    }

    /** Starts the application on a free HTTP port; its console goes to {@code target/services/<name>.log} too. */
    public static PackagedService start(String name, Map<String, String> env) throws IOException {
        int port = RouterNetwork.freePort();
        Path logDir = Files.createDirectories(Path.of("target", "services"));
        Files.deleteIfExists(logDir.resolve(name + ".log"));
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", APP.resolve("quarkus-run.jar").toString()).redirectErrorStream(true);
        Map<String, String> all = new HashMap<>();
        all.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        all.putAll(env);
        builder.environment().putAll(all);
        return new PackagedService(builder.start(), port, logDir.resolve(name + ".log"));
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** Lines that contain {@code text} (console lines are JSON in prod: the text is inside "message"). */
    public List<String> linesWith(String text) {
        return lines.stream().filter(line -> line.contains(text)).toList();
    }

    public void awaitLine(String text, Duration atMost) {
        await("'" + text + "' in the service's log").atMost(atMost).pollInterval(Duration.ofMillis(100))
                .until(() -> !linesWith(text).isEmpty() || !process.isAlive() && !linesWith(text).isEmpty());
    }

    /** The process id, for what only /proc tells (RSS, threads). */
    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** Waits for the process to end by itself; its exit code. */
    public int awaitExit(Duration atMost) throws InterruptedException {
        if (!process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the service did not exit within " + atMost);
        }
        reader.join(10_000);
        return process.exitValue();
    }

    /**
     * SIGTERM, as Kubernetes stops a pod; waits for the exit. Through the process handle: Process.destroy()
     * also closes our end of its output, and the shutdown's log lines would be lost.
     */
    public int terminate() throws InterruptedException {
        process.toHandle().destroy();
        return awaitExit(Duration.ofSeconds(60));
    }

    /** kill -9: no shutdown at all. */
    public void kill() throws InterruptedException {
        process.toHandle().destroyForcibly();
        awaitExit(Duration.ofSeconds(30));
    }

    /** GET a JSON document; null while the service does not answer yet. */
    public JsonNode getJson(String path) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(5)).GET()
                    .build(), HttpResponse.BodyHandlers.ofString());
            return response.body().isBlank() ? null : JSON.readTree(response.body());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    public int getStatus(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** POST a text body with the write user's credentials. */
    public HttpResponse<String> postText(String path, String body, String user, String password)
            throws IOException, InterruptedException {
        String auth = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "text/plain").header("Authorization", "Basic " + auth)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    public static JsonNode json(String body) throws IOException {
        return JSON.readTree(body);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + path);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
