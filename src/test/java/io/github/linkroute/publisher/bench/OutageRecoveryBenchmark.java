package io.github.linkroute.publisher.bench;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.linkroute.publisher.support.ArtemisBroker;
import io.github.linkroute.publisher.support.PackagedService;
import io.github.linkroute.publisher.support.QdRouter;
import io.github.linkroute.publisher.support.RouterNetwork;
import io.quarkus.logging.Log;

/**
 * Recovery of the packaged service with its default settings (retry, reconnect back-off) after the broker
 * goes away: killed -9 and started again at once (the connection-loss case), and after a 20 s outage.
 * Two services at once, both emitting 100 msgs/s: one connected straight to the broker, one through a
 * real qdrouterd (RouterNetwork SINGLE; skipped without QDROUTERD). Measured from the broker listening
 * again (a 10 ms probe of its port) to each service's first ACCEPTED after it (its /status, polled every
 * 20 ms). Knobs: {@code -Dbench.outage.long=20s}, {@code -Dbench.outage.rounds} (rounds of the long outage).
 */
@Order(9)
class OutageRecoveryBenchmark {

    static final Duration LONG_OUTAGE = Bench.duration("bench.outage.long", "20s", "20s");
    static final int LONG_ROUNDS = Bench.count("bench.outage.rounds", 3, 1);
    static final String ADDRESS = "link1.bench-outage";

    @Test
    void recoveryAfterBrokerOutages() throws Exception {
        ArtemisBroker broker = ArtemisBroker.shared();
        broker.ensureRunning();
        RouterNetwork network = QdRouter.binary().isPresent()
                ? RouterNetwork.of(RouterNetwork.Topology.SINGLE, broker, "bench-outage")
                : null;
        Map<String, PackagedService> services = new LinkedHashMap<>();
        try {
            services.put("direct", start("direct", broker.url(), true));
            if (network != null) {
                network.start();
                services.put("router", start("router", network.url(), false));
            } else {
                System.err.println("[bench] recovery through the router skipped: " + QdRouter.HOW_TO_GET_ONE);
            }
            Map<String, List<Double>> figures = new LinkedHashMap<>();
            for (int round = 1; round <= Math.max(Bench.ROUNDS, LONG_ROUNDS); round++) {
                if (round <= Bench.ROUNDS) {
                    outage(broker, services, Duration.ZERO, "recovery.brokerRestart.", figures);
                }
                if (round <= LONG_ROUNDS) {
                    outage(broker, services, LONG_OUTAGE, "recovery.brokerOutage" + LONG_OUTAGE.toSeconds() + "s.", figures);
                }
            }
            figures.forEach((name, values) -> BenchResults.figure(name, "ms", values));
            BenchResults.put("outageRecovery", Map.of("settings", "defaults (sender-retry 2s, reconnect 1s..5s jittered)",
                    "emitterMsgsPerSec", 100, "longOutageSeconds", LONG_OUTAGE.toSeconds(), "longOutageRounds", LONG_ROUNDS,
                    "router", network != null ? "qdrouterd " + QdRouter.binary().get() : "none"));
        } finally {
            for (PackagedService service : services.values()) {
                service.terminate();
            }
            if (network != null) {
                network.stop();
            }
            broker.ensureRunning();
        }
    }

    private static PackagedService start(String name, String url, boolean login) throws IOException {
        Map<String, String> env = new HashMap<>(Map.of(
                "PUBLISHER_URL", url,
                "PUBLISHER_ADDRESS", ADDRESS,
                "PUBLISHER_INTERVAL", "10ms",
                "PUBLISHER_CONNECTION_CONTAINER_ID", "bench-outage-" + name,
                "PUBLISHER_SPOOL_DIR", Path.of("target", "bench", "outage-spool-" + name + "-" + System.nanoTime()).toString()));
        if (login) {
            env.put("PUBLISHER_USER", ArtemisBroker.USER);
            env.put("PUBLISHER_PASSWORD", ArtemisBroker.PASSWORD);
        }
        PackagedService service = PackagedService.start("bench-outage-" + name, env);
        await().atMost(Duration.ofSeconds(60)).until(() -> accepted(service) > 0);
        return service;
    }

    /** kill -9, the outage, start; then each service's time from the broker's port open to its next ACCEPTED. */
    private static void outage(ArtemisBroker broker, Map<String, PackagedService> services, Duration down, String figure,
            Map<String, List<Double>> figures) throws Exception {
        for (PackagedService service : services.values()) {
            await().atMost(Duration.ofSeconds(90)).until(() -> steady(service));
        }
        broker.kill();
        if (!down.isZero()) {
            Thread.sleep(down.toMillis()); // the outage being measured, not a wait for a condition
        }
        Map<String, Long> before = new HashMap<>();
        services.forEach((name, service) -> before.put(name, accepted(service)));
        CompletableFuture<Long> listening = CompletableFuture.supplyAsync(() -> probe(broker));
        broker.start();
        long back = listening.get(2, TimeUnit.MINUTES);
        Map<String, Long> recovered = new HashMap<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (recovered.size() < services.size() && System.nanoTime() < deadline) {
            for (Map.Entry<String, PackagedService> service : services.entrySet()) {
                if (!recovered.containsKey(service.getKey()) && accepted(service.getValue()) > before.get(service.getKey())) {
                    recovered.put(service.getKey(), System.nanoTime());
                }
            }
            Thread.sleep(20); // the polling granularity of the measurement
        }
        StringBuilder line = new StringBuilder("bench outage ").append(down.toSeconds()).append(" s:");
        for (String name : services.keySet()) {
            if (!recovered.containsKey(name)) {
                throw new IllegalStateException(name + ": nothing accepted within 90 s of the broker's return");
            }
            double ms = (recovered.get(name) - back) / 1e6;
            figures.computeIfAbsent(figure + name, k -> new ArrayList<>()).add(ms);
            line.append(String.format(" %s %.0f ms;", name, ms));
        }
        Log.warn(line);
    }

    /** When the broker's AMQP port accepts connections again, probed every 10 ms (bounded: 2 minutes). */
    private static long probe(ArtemisBroker broker) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", broker.amqpPort()), 100);
                return System.nanoTime();
            } catch (IOException notYet) {
                try {
                    Thread.sleep(10); // probe granularity
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        throw new IllegalStateException("the broker did not listen again within 2 minutes");
    }

    private static boolean steady(PackagedService service) {
        JsonNode status = service.getJson("/status");
        return status != null && status.path("canPublish").asBoolean() && status.path("buffer").path("depth").asInt() < 50;
    }

    private static long accepted(PackagedService service) {
        JsonNode status = service.getJson("/status");
        return status == null ? -1 : status.path("counters").path("accepted").asLong();
    }
}
