package io.github.linkroute.publisher.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.linkroute.publisher.messaging.MessagePublisher.Published;
import io.github.linkroute.publisher.support.RouterScript;
import io.github.linkroute.publisher.support.ScriptedRouter;
import io.github.linkroute.publisher.support.ScriptedRouterProfile;
import io.github.linkroute.publisher.support.ScriptedRouterTest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * One key is enough: with {@code quarkus.otel.exporter.otlp.endpoint} pointing at a collector (here a
 * loopback OTLP/HTTP one), a message's span is exported there, with its message id.
 */
@QuarkusTest
@TestProfile(CollectorExportTest.Profile.class)
@Timeout(60)
class CollectorExportTest extends ScriptedRouterTest {

    public static class Profile extends ScriptedRouterProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(ScriptedRouter.class), new TestResourceEntry(FakeCollector.class));
        }
    }

    @Test
    void theSpanReachesTheCollector() throws Exception {
        awaitAttached();
        peer.expectTransfer().accept();
        Published published = publish(1);
        peer.waitForScriptToComplete(5, TimeUnit.SECONDS);
        assertThat(published.outcome()).succeedsWithin(Duration.ofSeconds(5));

        byte[] id = published.messageId().getBytes(StandardCharsets.UTF_8);
        await().until(() -> FakeCollector.EXPORTS.stream().anyMatch(body -> contains(body, id)));

        RouterScript.expectShutdown(peer);
    }

    /** Whether an export carries the bytes (protobuf keeps strings as they are). */
    private static boolean contains(byte[] body, byte[] part) {
        outer:
        for (int i = 0; i <= body.length - part.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (body[i + j] != part[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
