package io.github.linkroute.publisher.broker;

import static io.github.linkroute.publisher.support.Links.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.linkroute.publisher.link.LinkRegistry;
import io.github.linkroute.publisher.link.LinkState;
import io.github.linkroute.publisher.link.LinkStatus;
import io.github.linkroute.publisher.messaging.ScheduledPublisher;
import io.github.linkroute.publisher.support.ArtemisBroker;
import io.github.linkroute.publisher.support.ArtemisProfile;
import io.github.linkroute.publisher.support.ExactlyOnce;
import io.github.linkroute.publisher.support.LogCapture;
import io.quarkus.logging.Log;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Nothing lost, nothing twice, counted at a real broker: the emitter sends COUNT messages while the
 * Artemis process is killed with -9 twice mid-stream and restarted; reading the queue back finds
 * every sequence 1..COUNT exactly once (re-sends of deliveries whose outcome died with the broker
 * are dropped by its duplicate detection).
 */
@QuarkusTest
@TestProfile(BrokerKillTest.Profile.class)
@Timeout(300)
class BrokerKillTest {

    static final int COUNT = 2000;
    static final String ADDRESS = "link1.kill-test";

    public static class Profile extends ArtemisProfile {
        @Override
        protected Map<String, String> overrides() {
            return Map.of(
                    "publisher.address", ADDRESS,
                    "publisher.count", String.valueOf(COUNT),
                    "publisher.interval", "20ms",
                    "publisher.burst", "5",
                    "publisher.buffer-size", "400");
        }
    }

    @Inject
    ScheduledPublisher emitter;

    @Inject
    LinkRegistry links;

    @Test
    void everySequenceArrivesExactlyOnceThroughTwoBrokerCrashes() throws Exception {
        ArtemisBroker broker = ArtemisBroker.shared();
        LogCapture emitterLog = LogCapture.of(ScheduledPublisher.class);
        for (int crash = 1; crash <= 2; crash++) {
            long threshold = (long) COUNT * crash / 3;
            await().atMost(Duration.ofSeconds(60)).until(() -> emitter.accepted() >= threshold);
            broker.kill();
            await().atMost(Duration.ofSeconds(30)).until(() -> status(links).state() != LinkState.ATTACHED);
            assertThat(emitter.emitted()).as("emitting goes on mid-stream").isLessThan(COUNT);
            broker.start();
        }
        await().atMost(Duration.ofSeconds(120)).until(() -> emitter.accepted() == COUNT);
        await().until(() -> emitterLog.lines().contains("emitter: all " + COUNT + " messages accepted"));
        emitterLog.close();
        assertThat(emitterLog.lines()).filteredOn(line -> line.contains("messages accepted")).hasSize(1);

        LinkStatus status = status(links);
        Log.infof("kill test: client re-sent %d, reconnects %d", status.counters().resent(),
                status.counters().reconnects());
        ExactlyOnce.assertEverySequenceOnce(broker, ADDRESS, COUNT);
        assertThat(status.counters().reconnects()).isGreaterThanOrEqualTo(2);
    }
}
