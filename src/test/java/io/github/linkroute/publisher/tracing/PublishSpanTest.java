package io.github.linkroute.publisher.tracing;

import static io.github.linkroute.publisher.tracing.InMemorySpans.publishSpans;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.linkroute.publisher.link.LinkState;
import io.github.linkroute.publisher.messaging.MessagePublisher.Published;
import io.github.linkroute.publisher.support.DecodedTransfers;
import io.github.linkroute.publisher.support.Links;
import io.github.linkroute.publisher.support.Rest;
import io.github.linkroute.publisher.support.RouterScript;
import io.github.linkroute.publisher.support.ScriptedRouter;
import io.github.linkroute.publisher.support.ScriptedRouterProfile;
import io.github.linkroute.publisher.support.ScriptedRouterTest;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * With a collector configured (the one key), every message gets one PRODUCER span from hand-over to
 * settlement: ended with its outcome (accepted; rejected as an error with the condition), a RELEASED
 * re-send and a lost-and-re-attached link as events, a REST request as its parent, and its W3C
 * traceparent in the application properties on the wire, matching the span. The spans are read from
 * the in-memory exporter, which takes the OTLP exporter's place.
 */
@QuarkusTest
@TestProfile(PublishSpanTest.Profile.class)
@Timeout(60)
class PublishSpanTest extends ScriptedRouterTest {

    public static class Profile extends ScriptedRouterProfile {
        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(InMemorySpans.class);
        }

        /** The one tracing key, pointed at a loopback collector. */
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(ScriptedRouter.class), new TestResourceEntry(FakeCollector.class));
        }
    }

    @Inject
    InMemorySpanExporter spans;

    @Inject
    PublishTracing tracing;

    @Test
    void everyMessageHasOneSpanToItsSettlement() throws Exception {
        awaitAttached();
        assertThat(tracing.enabled()).isTrue();

        // accepted: one span, its context on the wire
        DecodedTransfers wire = new DecodedTransfers();
        peer.expectTransfer().withPayload(wire.record()).accept();
        Published accepted = publish(1);
        peer.waitForScriptToComplete(5, TimeUnit.SECONDS);
        SpanData span = awaitSpan(accepted);
        assertThat(span.getKind()).isEqualTo(SpanKind.PRODUCER);
        assertThat(span.getName()).isEqualTo(RouterScript.ADDRESS + " publish");
        assertThat(span.getAttributes().get(AttributeKey.stringKey("messaging.system"))).isEqualTo("AMQP 1.0");
        assertThat(span.getAttributes().get(AttributeKey.stringKey("messaging.destination.name")))
                .isEqualTo(RouterScript.ADDRESS);
        assertThat(span.getAttributes().get(AttributeKey.stringKey("messaging.operation"))).isEqualTo("publish");
        assertThat(span.getAttributes().get(PublishTrace.OUTCOME)).isEqualTo("accepted");
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        assertThat(span.getEvents()).isEmpty();
        assertThat(span.getParentSpanContext().isValid()).as("the emitter's way in has no parent").isFalse();
        assertThat(wire.property("traceparent"))
                .containsExactly("00-" + span.getTraceId() + "-" + span.getSpanId() + "-01");

        // RELEASED once: re-sent, one span with a re-send event, the same context on both transfers
        DecodedTransfers resent = new DecodedTransfers();
        peer.expectTransfer().withPayload(resent.record()).release();
        peer.expectTransfer().withPayload(resent.record()).accept();
        Published released = publish(2);
        peer.waitForScriptToComplete(5, TimeUnit.SECONDS);
        span = awaitSpan(released);
        assertThat(span.getAttributes().get(PublishTrace.OUTCOME)).isEqualTo("accepted");
        assertThat(span.getEvents()).extracting(EventData::getName).containsExactly(PublishTrace.RESENT);
        assertThat(span.getEvents().get(0).getAttributes().get(PublishTrace.TRANSFER)).isEqualTo(2L);
        assertThat(resent.property("traceparent")).hasSize(2).containsOnly(
                "00-" + span.getTraceId() + "-" + span.getSpanId() + "-01");

        // REJECTED: the span ends as an error, with the broker's condition
        peer.expectTransfer().reject("amqp:precondition-failed", "no room for you");
        Published rejected = publish(3);
        peer.waitForScriptToComplete(5, TimeUnit.SECONDS);
        span = awaitSpan(rejected);
        assertThat(span.getAttributes().get(PublishTrace.OUTCOME)).isEqualTo("rejected");
        assertThat(span.getAttributes().get(PublishTrace.CONDITION)).isEqualTo("amqp:precondition-failed");
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);

        // in flight when the route is lost: link lost, re-attached, re-sent, then accepted
        List<RouterScript.AttachSeen> attaches = new CopyOnWriteArrayList<>();
        peer.expectTransfer(); // left unsettled
        Published inFlight = publish(4);
        peer.waitForScriptToComplete(5, TimeUnit.SECONDS);
        peer.expectDetach().withClosed(true);
        RouterScript.expectAttachWithCredit(peer, 10, attaches);
        peer.expectTransfer().accept();
        RouterScript.detachRoutedLinkLost(peer);
        peer.waitForScriptToComplete(10, TimeUnit.SECONDS);
        span = awaitSpan(inFlight);
        assertThat(span.getAttributes().get(PublishTrace.OUTCOME)).isEqualTo("accepted");
        assertThat(span.getEvents()).extracting(EventData::getName)
                .containsExactly(PublishTrace.LINK_LOST, PublishTrace.REATTACHED, PublishTrace.RESENT);
        assertThat(span.getEvents()).extracting(e -> e.getAttributes().get(PublishTrace.LINK_CONDITION))
                .containsExactly(RouterScript.ROUTED_LINK_LOST, RouterScript.ROUTED_LINK_LOST, null);
        await().until(() -> Links.status(links).state() == LinkState.ATTACHED);

        // REST: the request's server span is the parent
        peer.expectTransfer().accept();
        String id = Rest.authorized().contentType("text/plain").body("traced").post("/messages")
                .then().statusCode(200).extract().path("ids[0]");
        peer.waitForScriptToComplete(5, TimeUnit.SECONDS);
        SpanData child = await().until(() -> publishSpans(spans, id), l -> l.size() == 1).get(0);
        SpanData server = await().until(() -> spans.getFinishedSpanItems().stream()
                .filter(s -> s.getKind() == SpanKind.SERVER && s.getName().contains("/messages")).toList(),
                l -> l.size() == 1).get(0);
        assertThat(child.getTraceId()).isEqualTo(server.getTraceId());
        assertThat(child.getParentSpanId()).isEqualTo(server.getSpanId());

        // one span per message
        for (Published p : List.of(accepted, released, rejected, inFlight)) {
            assertThat(publishSpans(spans, p.messageId())).hasSize(1);
        }

        RouterScript.expectShutdown(peer);
    }

    private SpanData awaitSpan(Published published) {
        return await().until(() -> publishSpans(spans, published.messageId()), l -> !l.isEmpty()).get(0);
    }
}
