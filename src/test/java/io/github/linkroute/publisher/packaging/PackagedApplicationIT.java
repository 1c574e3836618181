package io.github.linkroute.publisher.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The packaged application as it ships (prod profile, {@code java -jar}): an invalid value stops
 * start-up with a message naming the key, environment variables override the defaults, and the dev
 * broker is neither packaged nor started, and the console logs JSON.
 */
@Timeout(120)
class PackagedApplicationIT {

    private static final Path APP = Path.of(System.getProperty("quarkus.app.dir", "target/quarkus-app"));

    @Test
    void invalidValuesStopStartUpNamingTheKey() throws Exception {
        for (Map.Entry<String, String> bad : Map.of(
                "PUBLISHER_BURST", "publisher.burst",
                "PUBLISHER_URL", "publisher.url",
                "PUBLISHER_SENDER_RETRY_INTERVAL", "publisher.sender-retry-interval").entrySet()) {
            String value = bad.getKey().equals("PUBLISHER_BURST") ? "0"
                    : bad.getKey().equals("PUBLISHER_URL") ? "http://nowhere" : "soon";
            Run run = start(Map.of(bad.getKey(), value));
            assertThat(run.process.waitFor(60, TimeUnit.SECONDS)).as("start-up stops").isTrue();
            run.drained();
            assertThat(run.process.exitValue()).isNotZero();
            assertThat(String.join("\n", run.lines)).contains(bad.getValue());
        }
    }

    @Test
    void environmentOverridesTheDefaultsAndNoDevBrokerStarts() throws Exception {
        int port = unusedPort();
        Run run = start(Map.of("PUBLISHER_URL", "amqp://127.0.0.1:" + port,
                "PUBLISHER_CONNECTION_CONTAINER_ID", "from-env"));
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> run.lines.stream()
                    .anyMatch(line -> line.contains("io:connection-refused") && line.contains(":" + port)));
            assertThat(run.process.isAlive()).as("a broker that is not there is no reason to exit").isTrue();
            assertThat(run.lines).noneMatch(line -> line.contains("dev-broker"));
            assertThat(run.lines).filteredOn(line -> line.contains("io:connection-refused"))
                    .as("prod logs are JSON").allSatisfy(line -> assertThat(line).startsWith("{").contains("\"message\""));
        } finally {
            run.process.destroy();
            run.process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void devBrokerLibrariesAreNotPackaged() throws IOException {
        try (Stream<Path> jars = Files.list(APP.resolve("lib/main"))) {
            assertThat(jars.map(p -> p.getFileName().toString()))
                    .isNotEmpty()
                    .noneMatch(name -> name.contains("artemis-server") || name.contains("artemis-amqp-protocol"));
        }
    }

    private static Run start(Map<String, String> env) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", APP.resolve("quarkus-run.jar").toString())
                .redirectErrorStream(true);
        builder.environment().put("QUARKUS_HTTP_PORT", "0");
        builder.environment().put("PUBLISHER_SPOOL_DIR", Path.of("target", "spool-it", "packaged-" + System.nanoTime()).toString());
        builder.environment().putAll(env);
        return new Run(builder.start());
    }

    private static int unusedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** A running application and what it printed so far. */
    private static final class Run {
        final Process process;
        final List<String> lines = new CopyOnWriteArrayList<>();
        private final Thread reader;

        Run(Process process) {
            this.process = process;
            this.reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        lines.add(line);
                    }
                } catch (IOException ignored) {
                    // the process ended
                }
            });
            reader.start();
        }

        void drained() throws InterruptedException {
            reader.join(10_000);
        }
    }
}
