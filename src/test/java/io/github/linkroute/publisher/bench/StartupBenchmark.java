package io.github.linkroute.publisher.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import io.github.linkroute.publisher.support.ArtemisBroker;

/** Start-up in JVM mode: the packaged application against the real broker, from exec to readiness UP (3 rounds, -Dbench.startup.rounds). */
@Order(7)
class StartupBenchmark {

    @Test
    void timeToReadiness() throws Exception {
        ArtemisBroker broker = ArtemisBroker.shared();
        List<Double> millis = new ArrayList<>();
        broker.ensureRunning();
        for (int i = 0; i < Bench.count("bench.startup.rounds", 3, 1); i++) {
            millis.add(once(broker));
        }
        BenchResults.figure("startup.packagedToReadiness", "ms", millis);
    }

    private static double once(ArtemisBroker broker) throws Exception {
        int port = freePort();
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", Path.of(System.getProperty("quarkus.app.dir", "target/quarkus-app"), "quarkus-run.jar").toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Map<String, String> env = builder.environment();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("PUBLISHER_URL", broker.url());
        env.put("PUBLISHER_USER", ArtemisBroker.USER);
        env.put("PUBLISHER_PASSWORD", ArtemisBroker.PASSWORD);
        env.put("PUBLISHER_ADDRESS", "link1.bench-startup");
        env.put("PUBLISHER_EMITTER_ENABLED", "false");
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        long start = System.nanoTime();
        Process process = builder.start();
        try {
            long deadline = start + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                try {
                    if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return (System.nanoTime() - start) / 1e6;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(10); // polling granularity of the measurement
            }
            throw new IllegalStateException("not ready within 60 s");
        } finally {
            process.destroy();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
