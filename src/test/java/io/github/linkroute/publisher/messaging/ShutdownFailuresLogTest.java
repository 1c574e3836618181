package io.github.linkroute.publisher.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.linkroute.publisher.config.PublisherConfig;
import io.github.linkroute.publisher.link.DeliveryFailure;
import io.github.linkroute.publisher.link.LinkRegistry;
import io.github.linkroute.publisher.link.Outcome;
import io.github.linkroute.publisher.support.LogCapture;
import io.github.linkroute.publisher.tracing.PublishTracing;
import io.opentelemetry.api.OpenTelemetry;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * Shutdown with the spool off and the link down gives up every held message at once: the emitter logs
 * one line with the count and the reason, not one WARN per message, while a message not accepted
 * before shutdown (a rejection) is still named on its own line. The emitter runs without Quarkus over
 * a channel that holds what it is sent; the messages are given up as the link does at shutdown.
 */
@Timeout(30)
class ShutdownFailuresLogTest {

    /** What the link says for what it still holds when its drain ends (LinkDrain). */
    private static final String STOPPED = "the publisher stopped before the broker settled it";
    /** What the link says for a message that comes back RELEASED during the drain. */
    private static final String RELEASED = "RELEASED while the publisher stops";

    private final HoldingEmitter channel = new HoldingEmitter();
    private final LogCapture log = LogCapture.of(ScheduledPublisher.class);

    @AfterEach
    void close() {
        log.close();
    }

    @Test
    void aThousandHeldMessagesGivenUpAtShutdownAreOneLine() {
        ScheduledPublisher emitter = emitter(1500);
        emitter.tick();
        assertThat(channel.held).hasSize(1500);

        emitter.stop(null);
        channel.held.forEach(m -> m.nack(new DeliveryFailure(Outcome.CLOSED, null, STOPPED)));

        assertThat(warnings()).containsExactly("emitter: 1500 messages not accepted at shutdown: " + STOPPED);
        emitter.destroyed();
        assertThat(warnings()).as("nothing left for the last word").hasSize(1);
    }

    @Test
    void aRejectionBeforeShutdownKeepsItsOwnLine() {
        ScheduledPublisher emitter = emitter(3);
        emitter.tick();

        channel.held.get(0).nack(new DeliveryFailure(Outcome.REJECTED, null, "rejected: amqp:invalid-field"));
        emitter.stop(null);
        channel.held.subList(1, 3).forEach(m -> m.nack(new DeliveryFailure(Outcome.CLOSED, null, STOPPED)));

        assertThat(warnings()).containsExactly("emitter: message 1 not accepted: rejected: amqp:invalid-field",
                "emitter: 2 messages not accepted at shutdown: " + STOPPED);
    }

    @Test
    void whatIsGivenUpWhileOthersAreStillOutIsSummedUpOnDestroyByReason() {
        ScheduledPublisher emitter = emitter(4);
        emitter.tick();

        emitter.stop(null);
        channel.held.get(0).nack(new DeliveryFailure(Outcome.RELEASED, null, RELEASED));
        channel.held.get(1).nack(new DeliveryFailure(Outcome.CLOSED, null, STOPPED));
        channel.held.get(2).nack(new DeliveryFailure(Outcome.CLOSED, null, STOPPED));
        assertThat(warnings()).as("one message is still out").isEmpty();

        emitter.destroyed();
        assertThat(warnings()).containsExactly(
                "emitter: 3 messages not accepted at shutdown: 1 " + RELEASED + "; 2 " + STOPPED);
    }

    private List<String> warnings() {
        return log.lines().stream().filter(l -> l.contains("not accepted")).toList();
    }

    /** An endless emitter (count 0) that sends {@code burst} messages per tick. */
    private ScheduledPublisher emitter(int burst) {
        PublisherConfig config = new SmallRyeConfigBuilder().withMapping(PublisherConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(Map.of("publisher.burst", String.valueOf(burst),
                        "publisher.count", "0"), "test", 500))
                .build().getConfigMapping(PublisherConfig.class);
        // no timer and no spool: the test ticks itself, and the held messages are the emitter's own
        // tracing off and no link registered: the publisher only holds and nacks
        return new ScheduledPublisher(new MessagePublisher(channel, new LinkRegistry(),
                new PublishTracing(OpenTelemetry.noop(), config, true)), config, null, null);
    }

    /** A channel with room for everything, holding each message it is sent, as the link's buffer does. */
    private static final class HoldingEmitter implements Emitter<String> {

        final List<Message<? extends String>> held = new CopyOnWriteArrayList<>();

        @Override
        public CompletionStage<Void> send(String payload) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <M extends Message<? extends String>> void send(M message) {
            held.add(message);
        }

        @Override
        public void complete() {
        }

        @Override
        public void error(Exception e) {
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public boolean hasRequests() {
            return true;
        }
    }
}
