package io.github.linkroute.publisher.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

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
 * Send-to-settle latency at a fixed rate below saturation (2,000 msgs/s for 20 s a round by default; -Dbench.latency.duration=30s), for the
 * service's connector, plain vertx-proton and the stock connector, rounds interleaved. Each message is
 * timed from its scheduled hand-over (not from when the pacing thread got to it, so a stall is not
 * hidden) to its ACCEPTED; p50, p99 and p99.9 per round. Non-durable by default, so that the broker's
 * journal does not hide the clients ({@code -Dbench.latency.durable=true} for durable).
 */
@QuarkusTest
@TestProfile(BenchProfile.class)
@Order(2)
class LatencyBenchmark {

    static final int RATE = Bench.count("bench.latency.rate", 2_000, 2_000);
    static final Duration WINDOW = Bench.duration("bench.latency.duration", "20s", "5s");
    static final boolean DURABLE = Boolean.getBoolean("bench.latency.durable");
    static final double[] PERCENTILES = { 50, 99, 99.9 };
    static final List<String> NAMES = List.of("p50", "p99", "p99.9");

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
    void sendToSettleAtFixedRate() throws Exception {
        emitter.pause();
        ArtemisBroker broker = ArtemisBroker.shared();
        broker.ensureRunning();
        List<BenchClient> clients = BenchClients.open(service, links, stock, broker, "latency", DURABLE);
        try {
            for (BenchClient client : clients) {
                client.burst(5_000).get(5, TimeUnit.MINUTES);
            }
            Map<String, List<Double>> figures = new LinkedHashMap<>();
            for (int round = 1; round <= Bench.ROUNDS; round++) {
                StringBuilder line = new StringBuilder("bench latency round ").append(round).append(':');
                for (BenchClient client : clients) {
                    double[] p = percentilesMs(atRate(client));
                    for (int i = 0; i < p.length; i++) {
                        figures.computeIfAbsent("latency." + NAMES.get(i) + "." + client.name(), k -> new ArrayList<>()).add(p[i]);
                    }
                    line.append(String.format(" %s p50 %.2f p99 %.2f p99.9 %.2f ms;", client.name(), p[0], p[1], p[2]));
                }
                Log.warn(line);
            }
            figures.forEach((name, values) -> BenchResults.figure(name, "ms", values));
            BenchResults.put("latency", Map.of("rate", RATE, "seconds", WINDOW.toSeconds(), "durable", DURABLE,
                    "rounds", Bench.ROUNDS));
        } finally {
            for (BenchClient client : clients) {
                client.close();
            }
        }
    }

    /** Every message's send-to-settle time in nanoseconds, paced at {@link #RATE} from one thread. */
    private static long[] atRate(BenchClient client) throws InterruptedException {
        int total = (int) (RATE * WINDOW.toMillis() / 1000);
        long period = 1_000_000_000L / RATE;
        long[] latencies = new long[total];
        CountDownLatch settled = new CountDownLatch(total);
        AtomicInteger failed = new AtomicInteger();
        long start = System.nanoTime() + 1_000_000;
        for (int i = 0; i < total; i++) {
            long scheduled = start + i * period;
            long wait = scheduled - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            int index = i;
            client.send(acceptedAt -> {
                if (acceptedAt < 0) {
                    failed.incrementAndGet();
                }
                latencies[index] = acceptedAt - scheduled;
                settled.countDown();
            });
        }
        if (!settled.await(2, TimeUnit.MINUTES) || failed.get() > 0) {
            throw new IllegalStateException(client.name() + ": " + settled.getCount() + " not settled, " + failed.get()
                    + " not accepted");
        }
        return latencies;
    }

    private static double[] percentilesMs(long[] latencies) {
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        double[] result = new double[PERCENTILES.length];
        for (int i = 0; i < PERCENTILES.length; i++) {
            int index = (int) Math.ceil(PERCENTILES[i] / 100 * sorted.length) - 1;
            result[i] = sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
        }
        return result;
    }
}
