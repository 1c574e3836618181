package io.github.linkroute.publisher.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One real Qpid Dispatch router process ({@code qdrouterd -c conf}) on loopback, its config written by the
 * test and its log kept under {@code target/routers/} for the failure report. Tests start it, stop it and
 * kill it with -9; a restart keeps its ports and config.
 */
public final class QdRouter {

    /** Environment variable (or system property) naming the router binary; otherwise {@code qdrouterd} on PATH. */
    public static final String BINARY_VARIABLE = "QDROUTERD";
    public static final String HOW_TO_GET_ONE = "no qdrouterd: set QDROUTERD to its path or put it on PATH "
            + "(build one with ../shared/qdrouterd/build.sh; Fedora: dnf install qpid-dispatch-router)";

    private final String name;
    private final Path dir;
    private final int port;
    private final String config;
    private Process process;

    public QdRouter(String name, Path dir, int port, String config) {
        this.name = name;
        this.dir = dir;
        this.port = port;
        this.config = config;
    }

    /** The router binary, when one is configured or on PATH. */
    public static Optional<Path> binary() {
        String configured = System.getenv(BINARY_VARIABLE);
        if (configured == null || configured.isBlank()) {
            configured = System.getProperty(BINARY_VARIABLE);
        }
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured);
            return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
        }
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .filter(p -> !p.isBlank())
                .map(p -> Path.of(p, "qdrouterd"))
                .filter(Files::isExecutable)
                .findFirst();
    }

    public String name() {
        return name;
    }

    /** The port of its first listener: the one clients (or the other router) connect to. */
    public int port() {
        return port;
    }

    public Path log() {
        return dir.resolve("router.log");
    }

    /** Starts the router and waits until its listener accepts connections. */
    public void start() {
        Path binary = binary().orElseThrow(() -> new IllegalStateException(HOW_TO_GET_ONE));
        try {
            Files.createDirectories(dir);
            if (process == null) {
                // a new router, a new log; a restart appends to it
                Files.deleteIfExists(log());
            }
            Path conf = dir.resolve("qdrouterd.conf");
            Files.writeString(conf, config);
            process = new ProcessBuilder(binary.toString(), "-c", conf.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()))
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("could not start router " + name + ": " + e, e);
        }
        Process started = process;
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> accepting() || !started.isAlive());
        if (!started.isAlive()) {
            throw new IllegalStateException("router " + name + " exited with " + started.exitValue()
                    + " before listening on " + port + "; see " + log() + ":\n" + tail());
        }
    }

    /** kill -9: no goodbye on any connection, as when a node dies. */
    public void kill() {
        end(true);
    }

    /** SIGTERM, then wait. */
    public void stop() {
        end(false);
    }

    public boolean running() {
        return process != null && process.isAlive();
    }

    /**
     * Lines of its log that report a problem with the configuration. An http listener is not one: this
     * build has no libwebsockets and says so as an error, where the manifests' image serves it.
     */
    public List<String> configErrors() {
        return logLines().stream()
                .filter(line -> line.contains("(error)") || line.contains("(critical)") || line.contains("Traceback")
                        || line.contains("Error:"))
                .filter(line -> !line.contains("No HTTP support to listen on"))
                .toList();
    }

    /** The router's ids ({@code C2}) of the connections a container opened to it, in order. */
    public List<String> connectionsFrom(String containerId) {
        Pattern opened = Pattern.compile("\\[(C\\d+)\\] Connection Opened: dir=in .*container_id=" + Pattern.quote(containerId) + "(\\s|$)");
        return logLines().stream().map(opened::matcher).filter(Matcher::find).map(m -> m.group(1)).toList();
    }

    /** Whether the router logged that connection as closed. */
    public boolean closed(String connectionId) {
        return logLines().stream().anyMatch(line -> line.contains("[" + connectionId + "] Connection Closed"));
    }

    public List<String> logLines() {
        try {
            return Files.exists(log()) ? Files.readAllLines(log()) : List.of();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void end(boolean forcibly) {
        if (process == null || !process.isAlive()) {
            return;
        }
        if (forcibly) {
            process.destroyForcibly();
        } else {
            process.destroy();
        }
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean accepting() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private String tail() {
        List<String> lines = logLines();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }
}
