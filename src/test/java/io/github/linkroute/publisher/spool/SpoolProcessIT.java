package io.github.linkroute.publisher.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.linkroute.publisher.support.ArtemisBroker;
import io.github.linkroute.publisher.support.ExactlyOnce;
import io.github.linkroute.publisher.support.PackagedService;
import io.github.linkroute.publisher.support.QueueReader;
import io.vertx.amqp.AmqpMessage;

/**
 * Nothing lost when the service itself stops or dies, proven on the packaged application against a real
 * Artemis broker and counted in its queue: SIGTERM with the broker down keeps what was taken (the emitter's
 * messages and REST's 202s) for the next start; kill -9 mid-stream three times loses nothing and lands
 * nothing twice; the sequence goes on across restarts and "all N messages accepted" is logged once; a
 * second process on the same spool is refused naming the directory; a spool directory that cannot be
 * written leaves the service up but taking nothing (readiness DOWN, REST 503 with the reason).
 */
@Timeout(300)
class SpoolProcessIT {

    private static final String REST_USER = "publisher";
    private static final String REST_PASSWORD = "spool-it-password";

    private static Map<String, String> env(String address, Path spool, Map<String, String> more) {
        ArtemisBroker broker = ArtemisBroker.shared();
        Map<String, String> env = new HashMap<>();
        env.put("PUBLISHER_URL", broker.url());
        env.put("PUBLISHER_USER", ArtemisBroker.USER);
        env.put("PUBLISHER_PASSWORD", ArtemisBroker.PASSWORD);
        env.put("PUBLISHER_ADDRESS", address);
        env.put("PUBLISHER_SPOOL_DIR", spool.toString());
        env.put("PUBLISHER_SENDER_RETRY_INTERVAL", "300ms");
        env.put("PUBLISHER_CONNECTION_RECONNECT_INITIAL_DELAY", "200ms");
        env.put("PUBLISHER_CONNECTION_RECONNECT_MAX_DELAY", "1s");
        env.put("PUBLISHER_REST_PASSWORD", REST_PASSWORD);
        env.put("PUBLISHER_REST_WAIT_TIMEOUT", "500ms");
        env.put("PUBLISHER_DRAIN_TIMEOUT", "2s");
        env.putAll(more);
        return env;
    }

    private static Path spoolDir(String name) throws Exception {
        return Files.createDirectories(Path.of("target", "spool-it").toAbsolutePath()).resolve(name + "-" + System.nanoTime());
    }

    private static long emitted(PackagedService service) {
        JsonNode status = service.getJson("/status");
        return status == null || status.path("emitter").isMissingNode() ? -1 : status.path("emitter").path("emitted").asLong();
    }

    @Test
    void sigtermWithTheBrokerDownKeepsEverythingTakenForTheNextStart() throws Exception {
        ArtemisBroker broker = ArtemisBroker.shared();
        broker.kill();
        String address = "link1.spool-sigterm";
        int count = 200;
        Map<String, String> env = env(address, spoolDir("sigterm"),
                Map.of("PUBLISHER_COUNT", String.valueOf(count), "PUBLISHER_INTERVAL", "10ms", "PUBLISHER_BURST", "5"));

        List<String> restIds = new ArrayList<>();
        try (PackagedService first = PackagedService.start("spool-sigterm-1", env)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> emitted(first) == count);
            for (int i = 1; i <= 3; i++) {
                HttpResponse<String> answer = first.postText("/messages", "rest " + i, REST_USER, REST_PASSWORD);
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
                PackagedService.json(answer.body()).path("ids").forEach(id -> restIds.add(id.asText()));
            }
            first.terminate();
            assertThat(first.linesWith("messages kept in the spool for the next start")).hasSize(1);
            assertThat(first.linesWith("not accepted")).as("nothing nacked at shutdown").isEmpty();
        }

        broker.start();
        try (PackagedService second = PackagedService.start("spool-sigterm-2", env)) {
            second.awaitLine("spool: " + (count + 3) + " messages recovered", Duration.ofSeconds(60));
            second.awaitLine("emitter: all " + count + " messages accepted", Duration.ofSeconds(120));
            List<AmqpMessage> queue = QueueReader.readMessages(broker, address, count + 3);
            Map<Long, Long> sequences = queue.stream().filter(m -> m.applicationProperties().containsKey("sequence"))
                    .collect(Collectors.groupingBy(m -> m.applicationProperties().getLong("sequence"), Collectors.counting()));
            assertThat(sequences).hasSize(count).allSatisfy((sequence, copies) -> assertThat(copies).isEqualTo(1));
            assertThat(queue.stream().map(AmqpMessage::id).filter(restIds::contains).toList())
                    .containsExactlyInAnyOrderElementsOf(restIds);
            second.terminate();
        }
    }

    @Test
    void killedMidStreamThreeTimesNothingMissingNothingTwice() throws Exception {
        ArtemisBroker broker = ArtemisBroker.shared();
        broker.ensureRunning();
        String address = "link1.spool-kill";
        int count = 3000;
        // 200 msgs/s: each run gets well into the stream before it is killed
        Map<String, String> env = env(address, spoolDir("kill"),
                Map.of("PUBLISHER_COUNT", String.valueOf(count), "PUBLISHER_INTERVAL", "10ms", "PUBLISHER_BURST", "2"));
        List<String> allAccepted = new ArrayList<>();
        for (int kill = 1; kill <= 3; kill++) {
            long threshold = (long) count * kill / 4;
            try (PackagedService run = PackagedService.start("spool-kill-" + kill, env)) {
                await().atMost(Duration.ofSeconds(90)).until(() -> emitted(run) >= threshold);
                if (kill > 1) {
                    assertThat(run.linesWith("continuing after sequence")).as("the sequence goes on").hasSize(1);
                }
                run.kill();
                assertThat(run.linesWith("all " + count + " messages were accepted before")).as("killed mid-stream").isEmpty();
                allAccepted.addAll(run.linesWith("all " + count + " messages accepted"));
            }
        }
        try (PackagedService last = PackagedService.start("spool-kill-4", env)) {
            await().atMost(Duration.ofSeconds(120)).until(() -> !last.linesWith("all " + count + " messages").isEmpty());
            ExactlyOnce.assertEverySequenceOnce(broker, address, count);
            last.terminate();
            allAccepted.addAll(last.linesWith("all " + count + " messages accepted"));
        }
        assertThat(allAccepted).as("'all N messages accepted' once, across the restarts").hasSize(1);
    }

    @Test
    void aSecondProcessOnTheSameSpoolIsRefusedNamingTheDirectory() throws Exception {
        ArtemisBroker.shared().ensureRunning();
        Path spool = spoolDir("locked");
        Map<String, String> env = env("link1.spool-lock", spool, Map.of("PUBLISHER_EMITTER_ENABLED", "false"));
        try (PackagedService first = PackagedService.start("spool-lock-1", env)) {
            first.awaitLine("spool: " + spool, Duration.ofSeconds(60));
            try (PackagedService second = PackagedService.start("spool-lock-2", env)) {
                assertThat(second.awaitExit(Duration.ofSeconds(60))).as("the second start fails").isNotZero();
                assertThat(second.linesWith("in use by another process")).isNotEmpty()
                        .allSatisfy(line -> assertThat(line).contains(spool.toString()));
            }
            assertThat(first.alive()).isTrue();
            first.terminate();
        }
    }

    @Test
    void aSpoolThatCannotBeWrittenTakesNothingAndSaysWhy() throws Exception {
        ArtemisBroker.shared().ensureRunning();
        Path file = Files.writeString(spoolDir("not-a-dir"), "a file where the spool's parent should be");
        Map<String, String> env = env("link1.spool-unwritable", file.resolve("spool"), Map.of("PUBLISHER_INTERVAL", "50ms"));
        try (PackagedService service = PackagedService.start("spool-unwritable", env)) {
            service.awaitLine("emitter: holding off at sequence 1: the spool takes nothing", Duration.ofSeconds(60));
            await().atMost(Duration.ofSeconds(30)).until(() -> service.getStatus("/q/health/ready") == 503);
            assertThat(service.getJson("/q/health/ready").toString()).contains("cannot be created");
            HttpResponse<String> answer = service.postText("/messages", "refused", REST_USER, REST_PASSWORD);
            assertThat(answer.statusCode()).isEqualTo(503);
            assertThat(PackagedService.json(answer.body()).path("outcome").asText()).isEqualTo("NOT_TAKEN");
            assertThat(PackagedService.json(answer.body()).path("reason").asText()).contains("cannot be created");
            assertThat(service.linesWith("spool: spool directory")).as("one ERROR line").hasSize(1);
            assertThat(service.alive()).isTrue();
            service.terminate();
        }
    }
}
