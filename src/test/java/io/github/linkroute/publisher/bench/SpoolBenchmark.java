package io.github.linkroute.publisher.bench;

import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.junit.jupiter.api.Test;

import io.github.linkroute.publisher.link.BenchLinks;
import io.github.linkroute.publisher.spool.Spool;
import io.github.linkroute.publisher.spool.SpoolStore;
import io.github.linkroute.publisher.support.ArtemisBroker;
import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.amqp.OutgoingAmqpMetadata;
import io.vertx.amqp.AmqpClientOptions;
import io.vertx.core.Vertx;

/**
 * What the spool costs: the link alone (no Quarkus), durable 100-byte messages to the real Artemis,
 * spool off and spool on, rounds interleaved (off, on, off, on ...), median and min-max msgs/s. Not part
 * of the tests: {@code ./mvnw -Pbench verify}; {@code -Dbench.spool.messages}, {@code -Dbench.spool.rounds},
 * {@code -Dbench.spool.dir} (e.g. a tmpfs, to see what sharing the broker's disk costs).
 */
class SpoolBenchmark {

    static final int MESSAGES = Integer.getInteger("bench.spool.messages", 50_000);
    static final int ROUNDS = Integer.getInteger("bench.spool.rounds", 5);
    static final String ADDRESS = "link1.bench-spool";
    /** Where the spools go: the build's disk (shared with the broker's journal) unless told otherwise. */
    static final Path DIR = Path.of(System.getProperty("bench.spool.dir", "target/bench"));

    @Test
    void spoolOnAgainstSpoolOff() throws Exception {
        ArtemisBroker broker = ArtemisBroker.shared();
        broker.ensureRunning();
        round(broker, false, 10_000);
        round(broker, true, 10_000);
        List<Double> off = new ArrayList<>();
        List<Double> on = new ArrayList<>();
        for (int i = 1; i <= ROUNDS; i++) {
            off.add(round(broker, false, MESSAGES));
            on.add(round(broker, true, MESSAGES));
            Log.warnf("spool bench round %d: off %.0f, on %.0f msgs/s", i, off.get(i - 1), on.get(i - 1));
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("messages", MESSAGES);
        result.put("rounds", ROUNDS);
        result.put("spoolOffMsgsPerSec", off);
        result.put("spoolOnMsgsPerSec", on);
        result.put("spoolOffMedian", Math.round(BenchResults.median(off)));
        result.put("spoolOnMedian", Math.round(BenchResults.median(on)));
        result.put("onVsOff", Math.round(BenchResults.median(on) / BenchResults.median(off) * 100) / 100.0);
        BenchResults.put("spool", result);
    }

    /** One link, fed as fast as it requests, until every message is accepted. */
    private static double round(ArtemisBroker broker, boolean spoolOn, int messages) throws Exception {
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
            AtomicLong demand = new AtomicLong();
            AtomicLong accepted = new AtomicLong();
            CompletableFuture<Long> done = new CompletableFuture<>();
            link.subscriber().onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                    demand.addAndGet(n);
                }

                @Override
                public void cancel() {
                }
            });
            long start = System.nanoTime();
            for (int sent = 0; sent < messages;) {
                if (demand.get() > 0) {
                    demand.decrementAndGet();
                    sent++;
                    String id = UUID.randomUUID().toString();
                    link.subscriber().onNext(Message.of(ThroughputBenchmark.BODY,
                            Metadata.of(OutgoingAmqpMetadata.builder().withMessageId(id).withDurable(true).build()))
                            .withAck(() -> {
                                if (accepted.incrementAndGet() == messages) {
                                    done.complete(System.nanoTime());
                                }
                                return CompletableFuture.completedFuture(null);
                            }));
                } else {
                    LockSupport.parkNanos(50_000);
                }
            }
            long end = done.get(5, TimeUnit.MINUTES);
            return messages / ((end - start) / 1e9);
        } finally {
            link.stop().toCompletableFuture().get(30, TimeUnit.SECONDS);
            spool.close();
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }
}
