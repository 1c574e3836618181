package io.github.linkroute.publisher.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Real routers in front of the test JVM's Artemis broker, as in the original demo: one router
 * ({@link Topology#SINGLE}), or a client-side router joined to a broker-side router that holds the
 * link route ({@link Topology#DUAL}); or two routers side by side, each with its own link route to the
 * broker ({@link Topology#PAIR}), for failover from one to the other. The broker-facing connector logs in
 * with PLAIN; clients connect ANONYMOUS (the router build has no Cyrus SASL).
 */
public final class RouterNetwork {

    /** The link-routed prefix: attaches to {@code link1.*} are spliced through to the broker. */
    public static final String PATTERN = "link1.#";

    public enum Topology {
        SINGLE, DUAL, PAIR
    }

    private final Topology topology;
    private final List<QdRouter> routers;

    private RouterNetwork(Topology topology, List<QdRouter> routers) {
        this.topology = topology;
        this.routers = routers;
    }

    /** Writes the configs for the topology in front of the broker (not started yet). */
    public static RouterNetwork of(Topology topology, ArtemisBroker broker, String testName) {
        Path dir = Path.of("target", "routers", testName).toAbsolutePath();
        List<QdRouter> routers = new ArrayList<>();
        if (topology == Topology.SINGLE || topology == Topology.PAIR) {
            for (String name : topology == Topology.SINGLE ? List.of("router-a") : List.of("router-a", "router-b")) {
                int port = freePort();
                routers.add(new QdRouter(name, dir.resolve(name), port,
                        routerSection(name) + clientListener(port) + brokerSide(broker) + logSection()));
            }
        } else {
            int interRouter = freePort();
            int port = freePort();
            // the client-side router first: it is the one the service talks to
            routers.add(new QdRouter("router-c", dir.resolve("router-c"), port,
                    routerSection("router-c") + clientListener(port)
                            + "connector {\n    name: router-b\n    host: 127.0.0.1\n    port: " + interRouter
                            + "\n    role: inter-router\n}\n"
                            + "linkRoute {\n    pattern: " + PATTERN + "\n    direction: in\n}\n"
                            + "linkRoute {\n    pattern: " + PATTERN + "\n    direction: out\n}\n"
                            + logSection()));
            routers.add(new QdRouter("router-b", dir.resolve("router-b"), interRouter,
                    routerSection("router-b")
                            + "listener {\n    host: 127.0.0.1\n    port: " + interRouter
                            + "\n    role: inter-router\n    authenticatePeer: no\n    saslMechanisms: ANONYMOUS\n}\n"
                            + brokerSide(broker) + logSection()));
        }
        return new RouterNetwork(topology, routers);
    }

    /** A network of routers whose configs were written elsewhere (the shipped manifests); the first faces clients. */
    public static RouterNetwork of(Topology topology, List<QdRouter> routers) {
        return new RouterNetwork(topology, List.copyOf(routers));
    }

    /** Starts every router (the broker side first) and waits until an attach is link-routed to the broker. */
    public void start() {
        for (int i = routers.size() - 1; i >= 0; i--) {
            routers.get(i).start();
        }
        awaitRoute();
    }

    /** Waits until a link-routed attach through each client-facing router gets the broker's answer. */
    public void awaitRoute() {
        for (QdRouter router : clientFacing()) {
            RouteProbe.awaitRoute(router.port(), Duration.ofSeconds(60));
        }
    }

    /** The routers a client may connect to: all of a pair, else the client-side one. */
    public List<QdRouter> clientFacing() {
        return topology == Topology.PAIR ? routers : List.of(clientSide());
    }

    public void stop() {
        routers.forEach(QdRouter::stop);
    }

    public Topology topology() {
        return topology;
    }

    /** The router the service connects to. */
    public QdRouter clientSide() {
        return routers.get(0);
    }

    public int clientPort() {
        return clientSide().port();
    }

    /** What the service's publisher.url gets: every client-facing router, in order, comma-separated. */
    public String url() {
        return String.join(",", clientFacing().stream().map(r -> "amqp://127.0.0.1:" + r.port()).toList());
    }

    public List<QdRouter> routers() {
        return routers;
    }

    private static String routerSection(String id) {
        return "router {\n    mode: interior\n    id: " + id + "\n}\n";
    }

    private static String clientListener(int port) {
        return "listener {\n    host: 127.0.0.1\n    port: " + port
                + "\n    role: normal\n    authenticatePeer: no\n    saslMechanisms: ANONYMOUS\n}\n";
    }

    private static String brokerSide(ArtemisBroker broker) {
        return "connector {\n    name: broker\n    host: 127.0.0.1\n    port: " + broker.amqpPort()
                + "\n    role: route-container\n    saslMechanisms: PLAIN\n    saslUsername: " + ArtemisBroker.USER
                + "\n    saslPassword: " + ArtemisBroker.PASSWORD + "\n}\n"
                + "linkRoute {\n    pattern: " + PATTERN + "\n    direction: in\n    connection: broker\n}\n"
                + "linkRoute {\n    pattern: " + PATTERN + "\n    direction: out\n    connection: broker\n}\n";
    }

    private static String logSection() {
        return "log {\n    module: DEFAULT\n    enable: info+\n    includeTimestamp: yes\n}\n";
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
