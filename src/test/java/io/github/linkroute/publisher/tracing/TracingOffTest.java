package io.github.linkroute.publisher.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.linkroute.publisher.messaging.MessagePublisher.Published;
import io.github.linkroute.publisher.support.DecodedTransfers;
import io.github.linkroute.publisher.support.RouterScript;
import io.github.linkroute.publisher.support.ScriptedRouterProfile;
import io.github.linkroute.publisher.support.ScriptedRouterTest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Without a collector configured, tracing is off: the OpenTelemetry SDK is disabled, no span is
 * started and the message on the wire carries no traceparent, only the properties it was given.
 */
@QuarkusTest
@TestProfile(TracingOffTest.Profile.class)
@Timeout(60)
class TracingOffTest extends ScriptedRouterTest {

    public static class Profile extends ScriptedRouterProfile {
    }

    @Inject
    PublishTracing tracing;

    @ConfigProperty(name = "quarkus.otel.sdk.disabled")
    boolean sdkDisabled;

    @Test
    void noSpanAndNothingAddedToTheMessage() throws Exception {
        awaitAttached();
        assertThat(sdkDisabled).isTrue();
        assertThat(tracing.enabled()).isFalse();
        assertThat(tracing.start("any")).isNull();

        DecodedTransfers wire = new DecodedTransfers();
        peer.expectTransfer().withPayload(wire.record()).accept();
        Published published = publish(1);
        peer.waitForScriptToComplete(5, TimeUnit.SECONDS);
        assertThat(published.outcome()).succeedsWithin(Duration.ofSeconds(5));
        assertThat(wire.messages().get(0).getApplicationProperties().getValue())
                .containsOnlyKeys("sequence", "_AMQ_DUPL_ID");

        RouterScript.expectShutdown(peer);
    }
}
