package io.github.linkroute.publisher.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.spi.Connector;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import io.github.linkroute.publisher.link.LinkRegistry;
import io.github.linkroute.publisher.link.LinkRoutedConnector;
import io.github.linkroute.publisher.messaging.ScheduledPublisher;
import io.github.linkroute.publisher.support.ArtemisBroker;
import io.quarkus.logging.Log;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Throughput and client CPU per message against a real Artemis process on loopback (the broker's CPU is
 * not this JVM's): 50,000 100-byte messages a round with a message id and {@code _AMQ_DUPL_ID}, durable and
 * non-durable, through the service's connector, plain vertx-proton and the stock connector, each on
 * its own long-lived connection; rounds interleaved (durable: service plain stock, non-durable: service
 * plain stock, then again), after one unmeasured warm-up burst each. CPU is this JVM's process CPU
 * time across the burst, from the first hand-over to the last ACCEPTED, per 100,000 messages. Then a
 * JFR profile of the service at saturation. Not part of the tests: {@code ./mvnw -Pbench verify}.
 */
@QuarkusTest
@TestProfile(BenchProfile.class)
@Order(1)
class ThroughputBenchmark {

    static final int MESSAGES = Bench.count("bench.messages", 50_000, 10_000);
    static final int WARM_UP_MESSAGES = Bench.count("bench.warmup-messages", 20_000, 5_000);
    static final int PROFILE_MESSAGES = Bench.count("bench.profile-messages", 150_000, 20_000);

    @Inject
    ScheduledPublisher emitter;

    @Inject
    LinkRegistry links;

    @Inject
    @Connector(LinkRoutedConnector.NAME)
    LinkRoutedConnector service;

    @Inject
    @Connector("smallrye-amqp")
    io.smallrye.reactive.messaging.amqp.AmqpConnector stock;

    @Test
    void cpuAndThroughput() throws Exception {
        emitter.pause();
        ArtemisBroker broker = ArtemisBroker.shared();
        broker.ensureRunning();
        Map<String, List<BenchClient>> modes = new LinkedHashMap<>();
        modes.put("durable", BenchClients.open(service, links, stock, broker, "durable", true));
        modes.put("nonDurable", BenchClients.open(service, links, stock, broker, "non-durable", false));
        try {
            for (List<BenchClient> clients : modes.values()) {
                for (BenchClient client : clients) {
                    client.burst(WARM_UP_MESSAGES).get(5, TimeUnit.MINUTES);
                }
            }
            Map<String, List<Double>> rates = new LinkedHashMap<>();
            Map<String, List<Double>> cpu = new LinkedHashMap<>();
            for (int round = 1; round <= Bench.ROUNDS; round++) {
                StringBuilder line = new StringBuilder("bench round ").append(round).append(':');
                for (Map.Entry<String, List<BenchClient>> mode : modes.entrySet()) {
                    for (BenchClient client : mode.getValue()) {
                        String key = mode.getKey() + "." + client.name();
                        double[] measured = Bench.measure(client, MESSAGES);
                        rates.computeIfAbsent(key, k -> new ArrayList<>()).add(measured[0]);
                        cpu.computeIfAbsent(key, k -> new ArrayList<>()).add(measured[1]);
                        line.append(String.format(" %s %.0f msgs/s %.2f cpu-s/100k;", key, measured[0], measured[1]));
                    }
                }
                Log.warn(line);
            }
            rates.forEach((key, values) -> BenchResults.figure("throughput." + key, "msgs/s", values));
            cpu.forEach((key, values) -> BenchResults.figure("cpuPer100k." + key, "cpu-s/100k", values));
            BenchResults.put("throughput", Map.of("messagesPerRound", MESSAGES, "warmUpMessagesPerClient", WARM_UP_MESSAGES,
                    "rounds", Bench.ROUNDS, "cores", Runtime.getRuntime().availableProcessors()));
            JfrProfile.of("service-saturation", () -> modes.get("nonDurable").get(0).burst(PROFILE_MESSAGES)
                    .get(5, TimeUnit.MINUTES));
        } finally {
            for (List<BenchClient> clients : modes.values()) {
                for (BenchClient client : clients) {
                    client.close();
                }
            }
        }
    }
}
