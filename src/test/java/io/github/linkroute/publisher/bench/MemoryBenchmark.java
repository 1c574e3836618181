package io.github.linkroute.publisher.bench;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import io.github.linkroute.publisher.link.LinkRegistry;
import io.github.linkroute.publisher.link.LinkState;
import io.github.linkroute.publisher.link.LinkStatus;
import io.github.linkroute.publisher.messaging.ScheduledPublisher;
import io.github.linkroute.publisher.support.ArtemisBroker;
import io.github.linkroute.publisher.support.Links;
import io.quarkus.logging.Log;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Memory: RSS and heap after a warm-up at 1,000 msgs/s, then through an outage (broker killed) with the
 * emitter still trying to produce: the buffer must stay bounded and memory flat. Figures are of the
 * whole test JVM (service and benchmark code); the packaged service alone is SoakBenchmark's.
 * Warm-up and outage: -Dbench.warmup=20s, -Dbench.outage=30s.
 */
@QuarkusTest
@TestProfile(BenchProfile.class)
@Order(3)
class MemoryBenchmark {

    static final Duration WARM_UP = Bench.duration("bench.warmup", "20s", "5s");
    static final Duration OUTAGE = Bench.duration("bench.outage", "30s", "10s");

    @Inject
    ScheduledPublisher emitter;

    @Inject
    LinkRegistry links;

    @Test
    void memoryThroughAnOutage() throws Exception {
        ArtemisBroker.shared().ensureRunning();
        Links.awaitPublishing(links);
        emitter.resume();
        long startEmitted = emitter.emitted();
        long started = System.nanoTime();
        sleepUntil(started, WARM_UP);
        double rate = (emitter.emitted() - startEmitted) / ((System.nanoTime() - started) / 1e9);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("emitterMsgsPerSec", Math.round(rate));
        result.put("warmUpSeconds", WARM_UP.toSeconds());
        result.put("rssAfterWarmUpMiB", mib(BenchResults.rssBytes()));
        result.put("heapAfterWarmUpMiB", mib(BenchResults.heapUsedAfterGc()));

        ArtemisBroker broker = ArtemisBroker.shared();
        broker.kill();
        await().until(() -> Links.status(links).state() != LinkState.ATTACHED);
        long outageStart = System.nanoTime();
        List<Map<String, Object>> samples = new ArrayList<>();
        long step = Math.max(5, OUTAGE.toSeconds() / 6);
        for (long t = step; t <= OUTAGE.toSeconds(); t += step) {
            sleepUntil(outageStart, Duration.ofSeconds(t));
            LinkStatus s = Links.status(links);
            Map<String, Object> sample = new LinkedHashMap<>();
            sample.put("second", t);
            sample.put("bufferDepth", s.bufferDepth());
            sample.put("emitted", emitter.emitted());
            sample.put("heapMiB", mib(BenchResults.heapUsedAfterGc()));
            sample.put("rssMiB", mib(BenchResults.rssBytes()));
            samples.add(sample);
            Log.warnf("bench outage %ds: %s", t, sample);
        }
        LinkStatus s = Links.status(links);
        result.put("outageSeconds", OUTAGE.toSeconds());
        result.put("bufferCapacity", s.bufferCapacity());
        result.put("bufferDepthAfterOutage", s.bufferDepth());
        result.put("rssAfterOutageMiB", mib(BenchResults.rssBytes()));
        result.put("heapAfterOutageMiB", mib(BenchResults.heapUsedAfterGc()));
        result.put("outageSamples", samples);

        BenchResults.figure("memory.testJvm.rssAfterWarmUp", "MiB", List.of((Long) result.get("rssAfterWarmUpMiB")));
        BenchResults.figure("memory.testJvm.rssAfterOutage", "MiB", List.of((Long) result.get("rssAfterOutageMiB")));
        BenchResults.figure("memory.testJvm.heapAfterOutage", "MiB", List.of((Long) result.get("heapAfterOutageMiB")));
        broker.start();
        long back = System.nanoTime();
        await().atMost(Duration.ofMinutes(2)).until(() -> Links.status(links).canPublish()
                && Links.status(links).bufferDepth() == 0 && Links.status(links).unsettled() == 0);
        result.put("drainAfterBrokerBackMs", Math.round((System.nanoTime() - back) / 1e6));
        BenchResults.figure("memory.testJvm.drainAfterBrokerBack", "ms", List.of((Long) result.get("drainAfterBrokerBackMs")));
        emitter.pause();
        BenchResults.put("memory", result);
    }

    private static void sleepUntil(long startNanos, Duration after) throws InterruptedException {
        long remaining = startNanos + after.toNanos() - System.nanoTime();
        if (remaining > 0) {
            Thread.sleep(remaining / 1_000_000); // a benchmark's measurement window, not a test wait
        }
    }

    private static long mib(long bytes) {
        return BenchResults.mib(bytes);
    }
}
