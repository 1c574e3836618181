package io.github.linkroute.publisher.bench;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.apache.qpid.protonj2.test.driver.ProtonTestServer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.linkroute.publisher.support.PackagedService;
import io.github.linkroute.publisher.support.RouterScript;
import io.quarkus.logging.Log;

/**
 * The packaged service on its own (java -jar, as it ships, spool on), against the scripted router: RSS
 * (/proc VmRSS) and thread count after a warm-up at 1,000 msgs/s, then after 1,000 link losses
 * (qd:routed-link-lost) and re-attaches with a 100 ms sender-retry; both should stay flat. Knobs:
 * {@code -Dbench.soak.warmup=30s}, {@code -Dbench.soak.link-losses=1000}.
 */
@Order(8)
class SoakBenchmark {

    static final Duration WARM_UP = Bench.duration("bench.soak.warmup", "30s", "5s");
    static final int LOSSES = Bench.count("bench.soak.link-losses", 1_000, 50);

    @Test
    void rssAndThreadsThroughLinkLosses() throws Exception {
        int messages = (int) WARM_UP.toSeconds() * 1000;
        List<RouterScript.AttachSeen> attaches = new CopyOnWriteArrayList<>();
        List<Map<String, Object>> samples = new ArrayList<>();
        try (ProtonTestServer peer = new ProtonTestServer()) {
            RouterScript.connectAndAttach(peer, messages, attaches);
            for (int i = 0; i < messages; i++) {
                peer.expectTransfer().accept();
            }
            peer.start();
            try (PackagedService service = PackagedService.start("bench-soak", Map.of(
                    "PUBLISHER_URL", "amqp://127.0.0.1:" + peer.getServerURI().getPort(),
                    "PUBLISHER_ADDRESS", RouterScript.ADDRESS,
                    "PUBLISHER_COUNT", String.valueOf(messages),
                    "PUBLISHER_INTERVAL", "10ms",
                    "PUBLISHER_BURST", "10",
                    "PUBLISHER_SENDER_RETRY_INTERVAL", "100ms",
                    "PUBLISHER_SPOOL_DIR", Path.of("target", "bench", "soak-spool-" + System.nanoTime()).toString()))) {
                long start = System.nanoTime();
                peer.waitForScriptToComplete(WARM_UP.toSeconds() + 60, TimeUnit.SECONDS);
                await().atMost(Duration.ofSeconds(30)).until(() -> accepted(service) >= messages);
                double rate = messages / ((System.nanoTime() - start) / 1e9);
                Map<String, Object> warm = sample(service, 0);
                samples.add(warm);
                long lossStart = System.nanoTime();
                for (int i = 1; i <= LOSSES; i++) {
                    peer.expectDetach().withClosed(true);
                    RouterScript.expectAttachWithCredit(peer, 100, attaches);
                    RouterScript.detachRoutedLinkLost(peer);
                    peer.waitForScriptToComplete(30, TimeUnit.SECONDS);
                    if (i % Math.max(1, LOSSES / 5) == 0) {
                        samples.add(sample(service, i));
                    }
                }
                double lossSeconds = (System.nanoTime() - lossStart) / 1e9;
                await().atMost(Duration.ofSeconds(10)).until(() -> "ATTACHED".equals(status(service).path("state").asText()));
                Map<String, Object> last = samples.get(samples.size() - 1);
                BenchResults.figure("soak.rss.afterWarmUp", "MiB", List.of((Long) warm.get("rssMiB")));
                BenchResults.figure("soak.rss.afterLinkLosses", "MiB", List.of((Long) last.get("rssMiB")));
                BenchResults.figure("soak.threads.afterWarmUp", "threads", List.of((Long) warm.get("threads")));
                BenchResults.figure("soak.threads.afterLinkLosses", "threads", List.of((Long) last.get("threads")));
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("warmUpMessages", messages);
                result.put("warmUpMsgsPerSec", Math.round(rate));
                result.put("linkLosses", LOSSES);
                result.put("linkLossSeconds", Math.round(lossSeconds));
                result.put("linkLossesCounted", status(service).path("counters").path("linkLosses").asLong(-1));
                result.put("reattachesCounted", status(service).path("counters").path("reattaches").asLong(-1));
                result.put("samples", samples);
                BenchResults.put("soak", result);
                RouterScript.expectShutdown(peer);
                service.terminate();
            }
        }
    }

    private static Map<String, Object> sample(PackagedService service, int losses) {
        Map<String, Object> sample = new LinkedHashMap<>();
        sample.put("linkLosses", losses);
        sample.put("rssMiB", Math.round(BenchResults.procStatus(service.pid(), "VmRSS") / 1024.0));
        sample.put("threads", BenchResults.procStatus(service.pid(), "Threads"));
        Log.warnf("bench soak: %s", sample);
        return sample;
    }

    private static long accepted(PackagedService service) {
        return status(service).path("counters").path("accepted").asLong();
    }

    private static JsonNode status(PackagedService service) {
        JsonNode status = service.getJson("/status");
        return status == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : status;
    }
}
