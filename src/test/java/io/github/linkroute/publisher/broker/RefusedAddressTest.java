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
import io.github.linkroute.publisher.support.ArtemisBroker;
import io.github.linkroute.publisher.support.ArtemisProfile;
import io.github.linkroute.publisher.support.LogCapture;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** An address the broker refuses (auto-create off): the condition is logged once, the attach retried, nothing crashes. */
@QuarkusTest
@TestProfile(RefusedAddressTest.Profile.class)
@Timeout(120)
class RefusedAddressTest {

    public static class Profile extends ArtemisProfile {
        @Override
        protected Map<String, String> overrides() {
            return Map.of("publisher.emitter-enabled", "false",
                    "publisher.address", ArtemisBroker.REFUSED_PREFIX + "test");
        }
    }

    @Inject
    LinkRegistry links;

    @Test
    void refusedAttachIsNamedAndRetried() {
        try (LogCapture log = LogCapture.ofLink()) {
            await().atMost(Duration.ofSeconds(20)).until(() -> status(links).counters().refusedAttaches() >= 3);
            assertThat(status(links).lastCondition()).isEqualTo("amqp:not-found");
            assertThat(status(links).state()).isEqualTo(LinkState.DETACHED);
            assertThat(status(links).canPublish()).isFalse();
            // logged once per change of condition, not once per retry
            assertThat(log.lines()).filteredOn(line -> line.contains("amqp:not-found") && line.contains("attach refused"))
                    .hasSizeLessThanOrEqualTo(1);
            assertThat(log.records()).allSatisfy(record -> assertThat(record.getThrown()).isNull());
        }
    }
}
