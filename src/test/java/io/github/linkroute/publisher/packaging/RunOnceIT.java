package io.github.linkroute.publisher.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.qpid.protonj2.test.driver.ProtonTestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.linkroute.publisher.support.ArtemisBroker;
import io.github.linkroute.publisher.support.ExactlyOnce;
import io.github.linkroute.publisher.support.PackagedService;
import io.github.linkroute.publisher.support.RouterScript;

/**
 * Run once, like the demo's sender (publisher.exit-when-done), on the packaged application: with every
 * message accepted by a real broker the process exits 0 after "all N messages accepted" (and the queue
 * holds each once); with one REJECTED by a scripted peer it exits 1 with a summary line.
 */
@Timeout(180)
class RunOnceIT {

    private static Path spool(String name) {
        return Path.of("target", "spool-it", name + "-" + System.nanoTime()).toAbsolutePath();
    }

    @Test
    void exitsZeroOnceAllAreAccepted() throws Exception {
        ArtemisBroker broker = ArtemisBroker.shared();
        broker.ensureRunning();
        String address = "link1.run-once";
        try (PackagedService run = PackagedService.start("run-once-ok", Map.of(
                "PUBLISHER_URL", broker.url(), "PUBLISHER_USER", ArtemisBroker.USER,
                "PUBLISHER_PASSWORD", ArtemisBroker.PASSWORD, "PUBLISHER_ADDRESS", address,
                "PUBLISHER_COUNT", "50", "PUBLISHER_INTERVAL", "10ms", "PUBLISHER_EXIT_WHEN_DONE", "true",
                "PUBLISHER_SPOOL_DIR", spool("run-once-ok").toString()))) {
            assertThat(run.awaitExit(Duration.ofSeconds(90))).isZero();
            assertThat(run.linesWith("emitter: all 50 messages accepted")).hasSize(1);
        }
        ExactlyOnce.assertEverySequenceOnce(broker, address, 50);
    }

    @Test
    void exitsOneWithASummaryWhenOneWasRejected() throws Exception {
        try (ProtonTestServer peer = new ProtonTestServer()) {
            RouterScript.connectAndAttach(peer, 10, new ArrayList<>());
            peer.expectTransfer().accept();
            peer.expectTransfer().reject("amqp:precondition-failed", "refused by the test");
            peer.expectTransfer().accept();
            RouterScript.expectShutdown(peer);
            peer.start();
            List<String> summary;
            try (PackagedService run = PackagedService.start("run-once-rejected", Map.of(
                    "PUBLISHER_URL", "amqp://127.0.0.1:" + peer.getServerURI().getPort(),
                    "PUBLISHER_COUNT", "3", "PUBLISHER_INTERVAL", "50ms", "PUBLISHER_EXIT_WHEN_DONE", "true",
                    "PUBLISHER_SPOOL_DIR", spool("run-once-rejected").toString()))) {
                assertThat(run.awaitExit(Duration.ofSeconds(90))).isEqualTo(1);
                summary = run.linesWith("emitter: done with 3 messages: 2 accepted, 1 not accepted");
                assertThat(run.linesWith("all 3 messages accepted")).isEmpty();
            }
            assertThat(summary).hasSize(1);
            peer.waitForScriptToComplete(10, java.util.concurrent.TimeUnit.SECONDS);
        }
    }
}
