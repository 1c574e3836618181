package io.github.linkroute.publisher.router;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.messaging.Accepted;
import org.apache.qpid.proton.amqp.messaging.AmqpValue;
import org.apache.qpid.proton.amqp.messaging.Target;
import org.apache.qpid.proton.message.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.github.linkroute.publisher.support.ArtemisBroker;
import io.github.linkroute.publisher.support.QdRouter;
import io.github.linkroute.publisher.support.QueueReader;
import io.github.linkroute.publisher.support.RequiresRouter;
import io.github.linkroute.publisher.support.RouterNetwork;
import io.github.linkroute.publisher.support.RouterNetwork.Topology;
import io.vertx.core.Vertx;
import io.vertx.proton.ProtonClient;
import io.vertx.proton.ProtonClientOptions;
import io.vertx.proton.ProtonConnection;
import io.vertx.proton.ProtonSender;

/**
 * The router configs shipped in deploy/ are real configs: loaded by a real qdrouterd with only hosts,
 * ports and the secret's mount path rewritten to loopback, they start without a config error, the
 * broker-side router logs in to the broker with the password read from a file, and a message sent to
 * the client-facing router lands in the broker's queue.
 */
@RequiresRouter
@Timeout(180)
class ShippedRouterConfigsTest {

    /** What the cluster's DNS names resolve to here. */
    private static final String BROKER_SERVICE = "artemis";
    private static final String BROKER_SIDE_ROUTER_SERVICE = "amqp-router-broker-side";
    private static final String SECRET_MOUNT = "/etc/qpid-dispatch-secrets/";

    private RouterNetwork network;

    @AfterEach
    void stop() {
        if (network != null) {
            network.stop();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "single", "dual" })
    void shippedConfigsRouteAMessageToTheBroker(String topology) throws Exception {
        ArtemisBroker broker = ArtemisBroker.shared();
        Path dir = Path.of("target", "routers", "shipped-" + topology).toAbsolutePath();
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("broker-password"), ArtemisBroker.ROUTER_PASSWORD);

        Map<String, String> confs = routerConfs(Path.of("deploy", topology));
        assertThat(confs).hasSize(topology.equals("single") ? 1 : 2);
        // one loopback port per listener; Service names resolve to the broker and to the broker-side router
        Map<String, Integer> serviceTargets = new HashMap<>();
        serviceTargets.put(BROKER_SERVICE + ":5672", broker.amqpPort());
        Map<String, Integer> firstListener = new HashMap<>();
        Map<String, String> rewritten = new HashMap<>();
        for (var conf : confs.entrySet()) {
            Map<Integer, Integer> ports = new LinkedHashMap<>();
            String text = rewriteListeners(conf.getValue(), ports);
            firstListener.put(conf.getKey(), ports.values().iterator().next());
            if (ports.containsKey(55672)) {
                serviceTargets.put(BROKER_SIDE_ROUTER_SERVICE + ":55672", ports.get(55672));
            }
            rewritten.put(conf.getKey(), text);
        }
        List<QdRouter> routers = new ArrayList<>();
        for (String name : List.of("router-a", "router-c", "router-b")) {
            if (rewritten.containsKey(name)) {
                String text = rewriteConnectors(rewritten.get(name), serviceTargets)
                        .replace("file:" + SECRET_MOUNT, "file:" + dir + "/");
                routers.add(new QdRouter(name, dir.resolve(name), firstListener.get(name), text));
            }
        }
        network = RouterNetwork.of(topology.equals("single") ? Topology.SINGLE : Topology.DUAL, routers);
        network.start();

        String address = "link1.shipped-" + topology;
        send(network.clientPort(), address, "through the shipped " + topology + " config");
        assertThat(QueueReader.readBodies(broker, address, 1)).containsExactly("through the shipped " + topology + " config");
        for (QdRouter router : routers) {
            assertThat(router.configErrors()).as(router.name() + " log: " + router.log()).isEmpty();
        }
    }

    /** The qdrouterd.conf of every router ConfigMap in the folder, by router name (ConfigMap router-x-config). */
    private static Map<String, String> routerConfs(Path folder) throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        Map<String, String> confs = new HashMap<>();
        try (var files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                for (JsonNode doc : yaml.readValues(yaml.createParser(file.toFile()), JsonNode.class).readAll()) {
                    if ("ConfigMap".equals(doc.path("kind").asText()) && doc.path("data").has("qdrouterd.conf")) {
                        confs.put(doc.path("metadata").path("name").asText().replace("-config", ""),
                                doc.path("data").path("qdrouterd.conf").asText());
                    }
                }
            }
        }
        return confs;
    }

    /** Listeners bind to loopback on free ports; {@code ports} gets each original port's replacement, in order. */
    private static String rewriteListeners(String conf, Map<Integer, Integer> ports) {
        StringBuilder out = new StringBuilder();
        String section = "";
        for (String line : conf.split("\n", -1)) {
            String trimmed = line.trim();
            if (trimmed.endsWith("{")) {
                section = trimmed.replace("{", "").trim();
            }
            if (section.equals("listener") && trimmed.startsWith("host:")) {
                line = line.replace(trimmed, "host: 127.0.0.1");
            } else if (section.equals("listener") && trimmed.startsWith("port:")) {
                int original = Integer.parseInt(trimmed.substring(5).trim());
                int port = RouterNetwork.freePort();
                ports.put(original, port);
                line = line.replace(trimmed, "port: " + port);
            }
            out.append(line).append('\n');
        }
        return out.toString();
    }

    /** Connectors to a Service name go to what that Service stands for here. */
    private static String rewriteConnectors(String conf, Map<String, Integer> serviceTargets) {
        StringBuilder out = new StringBuilder();
        String section = "";
        String host = null;
        for (String line : conf.split("\n", -1)) {
            String trimmed = line.trim();
            if (trimmed.endsWith("{")) {
                section = trimmed.replace("{", "").trim();
                host = null;
            }
            if (section.equals("connector") && trimmed.startsWith("host:")) {
                host = trimmed.substring(5).trim();
                line = line.replace(trimmed, "host: 127.0.0.1");
            } else if (section.equals("connector") && trimmed.startsWith("port:")) {
                String target = host + ":" + trimmed.substring(5).trim();
                Integer port = serviceTargets.get(target);
                assertThat(port).as("a connector to " + target + ", which deploy/ does not define").isNotNull();
                line = line.replace(trimmed, "port: " + port);
            }
            out.append(line).append('\n');
        }
        return out.toString();
    }

    /** One durable message, sent as the service sends it (sender to a queue), settled ACCEPTED. */
    private static void send(int port, String address, String body) throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            CompletableFuture<Object> outcome = new CompletableFuture<>();
            ProtonClient.create(vertx).connect(new ProtonClientOptions().addEnabledSaslMechanism("ANONYMOUS"),
                    "127.0.0.1", port, connected -> {
                        if (connected.failed()) {
                            outcome.completeExceptionally(connected.cause());
                            return;
                        }
                        ProtonConnection connection = connected.result();
                        connection.openHandler(opened -> {
                            ProtonSender sender = connection.createSender(address);
                            ((Target) sender.getTarget()).setCapabilities(Symbol.valueOf("queue"));
                            sender.openHandler(attached -> {
                                Message message = Message.Factory.create();
                                message.setDurable(true);
                                message.setBody(new AmqpValue(body));
                                sender.send(message, delivery -> outcome.complete(delivery.getRemoteState()));
                            });
                            sender.open();
                        });
                        connection.open();
                    });
            assertThat(outcome.get(30, TimeUnit.SECONDS))
                    .isInstanceOf(Accepted.class);
        } finally {
            vertx.close();
        }
    }
}
