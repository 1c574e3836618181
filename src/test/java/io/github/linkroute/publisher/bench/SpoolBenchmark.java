package io.github.linkroute.publisher.bench;

import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import io.github.linkroute.publisher.link.BenchLinks;
import io.github.linkroute.publisher.spool.Spool;
import io.github.linkroute.publisher.spool.SpoolStore;
import io.github.linkroute.publisher.support.ArtemisBroker;
import io.quarkus.logging.Log;
import io.vertx.amqp.AmqpClientOptions;
import io.vertx.core.Vertx;

/**
 * What the spool costs: the link alone (no Quarkus), durable 100-byte messages to the real Artemis,
 * spool off and spool on, rounds interleaved (off, on, off, on ...): msgs/s and this JVM's CPU-seconds
 * per 100,000 messages, median and min-max. Not part of the tests: {@code ./mvnw -Pbench verify};
 * {@code -Dbench.spool.messages}, {@code -Dbench.rounds}, {@code -Dbench.spool.dir} (e.g. a tmpfs, to see
 * what sharing the broker's disk costs).
 */
@Order(6)
class SpoolBenchmark {

    static final int MESSAGES = Bench.count("bench.spool.messages", 30_000, 5_000);
    static final int ROUNDS = Integer.getInteger("bench.spool.rounds", Bench.ROUNDS);
    static final String ADDRESS = "link1.bench-spool";
    /** Where the spools go: the build's disk (shared with the broker's journal) unless told otherwise. */
    static final Path DIR = Path.of(System.getProperty("bench.spool.dir", "target/bench"));

    @Test
    void spoolOnAgainstSpoolOff() throws Exception {
        ArtemisBroker broker = ArtemisBroker.shared();
        broker.ensureRunning();
        round(broker, false, Math.min(10_000, MESSAGES));
        round(broker, true, Math.min(10_000, MESSAGES));
        List<Double> off = new ArrayList<>();
        List<Double> on = new ArrayList<>();
        List<Double> offCpu = new ArrayList<>();
        List<Double> onCpu = new ArrayList<>();
        for (int i = 1; i <= ROUNDS; i++) {
            double[] o = round(broker, false, MESSAGES);
            double[] s = round(broker, true, MESSAGES);
            off.add(o[0]);
            offCpu.add(o[1]);
            on.add(s[0]);
            onCpu.add(s[1]);
            Log.warnf("spool bench round %d: off %.0f, on %.0f msgs/s; %.2f, %.2f cpu-s/100k", i, o[0], s[0], o[1], s[1]);
        }
        BenchResults.figure("spool.throughput.off", "msgs/s", off);
        BenchResults.figure("spool.throughput.on", "msgs/s", on);
        BenchResults.figure("spool.cpuPer100k.off", "cpu-s/100k", offCpu);
        BenchResults.figure("spool.cpuPer100k.on", "cpu-s/100k", onCpu);
        BenchResults.put("spool", Map.of("messages", MESSAGES, "rounds", ROUNDS, "durable", true));
    }

    /** One link, fed as fast as it requests, until every message is accepted: msgs/s and cpu-s/100k. */
    private static double[] round(ArtemisBroker broker, boolean spoolOn, int messages) throws Exception {
        Vertx vertx = Vertx.vertx();
        Path dir = Files.createDirectories(DIR.resolve("spool-" + System.nanoTime()));
        Spool spool = spoolOn ? SpoolStore.open(dir) : Spool.none();
        AmqpClientOptions options = new AmqpClientOptions().setHost("127.0.0.1").setPort(broker.amqpPort())
                .setUsername(ArtemisBroker.USER).setPassword(ArtemisBroker.PASSWORD)
                .setContainerId("bench-spool-" + UUID.randomUUID());
        BenchLinks.Running link = BenchLinks.start(vertx, options,
                Map.of("address", ADDRESS, "buffer-size", "1000"), spool);
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> link.view().status().canPublish());
            return Bench.measure(new ChannelClient(spoolOn ? "spool-on" : "spool-off",
                    new ChannelFeed(link.subscriber(), true), () -> {
                    }), messages);
        } finally {
            link.stop().toCompletableFuture().get(30, TimeUnit.SECONDS);
            spool.close();
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }
}
