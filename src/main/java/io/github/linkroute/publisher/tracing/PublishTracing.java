package io.github.linkroute.publisher.tracing;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.github.linkroute.publisher.config.PublisherConfig;
import io.github.linkroute.publisher.link.Condition;
import io.github.linkroute.publisher.link.LinkObserver;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;

/**
 * Starts a message's span at hand-over, with the attributes the stock AMQP connector gives its
 * publish spans, and marks the link's losses and re-attaches on the spans of every message still held.
 */
@ApplicationScoped
public class PublishTracing implements LinkObserver {

    /** The instrumentation scope, as a trace viewer shows it. */
    static final String SCOPE = "io.github.linkroute.publisher";

    private final boolean enabled;
    private final Tracer tracer;
    private final TextMapPropagator propagator;
    private final String spanName;
    private final Attributes attributes;
    /** Spans started and not yet ended: the messages the link holds, which a re-attach concerns. */
    private final Set<PublishTrace> open = ConcurrentHashMap.newKeySet();

    public PublishTracing(OpenTelemetry openTelemetry, PublisherConfig config,
            @ConfigProperty(name = "quarkus.otel.sdk.disabled", defaultValue = "false") boolean sdkDisabled) {
        this.enabled = !sdkDisabled;
        this.tracer = openTelemetry.getTracer(SCOPE);
        this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
        // as the stock connector names and describes a publish (messaging semantic conventions)
        this.spanName = config.address() + " publish";
        this.attributes = Attributes.of(PublishTrace.MESSAGING_SYSTEM, "AMQP 1.0",
                PublishTrace.MESSAGING_DESTINATION, config.address(),
                PublishTrace.MESSAGING_OPERATION, "publish");
    }

    /** Whether messages get spans: the OpenTelemetry SDK is on. */
    public boolean enabled() {
        return enabled;
    }

    /**
     * Starts the span of a message being handed over, a child of the current span (the REST request's),
     * or null while tracing is off: then the message carries nothing and costs nothing more.
     */
    public PublishTrace start(String messageId) {
        if (!enabled) {
            return null;
        }
        Span span = tracer.spanBuilder(spanName)
                .setSpanKind(SpanKind.PRODUCER)
                .setAllAttributes(attributes)
                .setAttribute(PublishTrace.MESSAGING_MESSAGE_ID, messageId)
                .startSpan();
        PublishTrace trace = new PublishTrace(span, open::remove);
        open.add(trace);
        return trace;
    }

    /**
     * The application properties with the span's context added ({@code traceparent}, and
     * {@code tracestate} or {@code baggage} when there are any), as the stock connector carries it.
     */
    public Map<String, Object> withContext(PublishTrace trace, Map<String, Object> properties) {
        Map<String, Object> carried = new HashMap<>(properties);
        propagator.inject(Context.current().with(trace.span()), carried, Map::put);
        return carried;
    }

    @Override
    public void detached(String channel, Condition condition, int unsettled) {
        open.forEach(t -> t.linkLost(name(condition)));
    }

    @Override
    public void connectionLost(String channel, Condition condition, int unsettled, boolean reconnect) {
        open.forEach(t -> t.linkLost(name(condition)));
    }

    @Override
    public void reattached(String channel, String condition) {
        open.forEach(t -> t.reattached(condition == null ? Condition.NONE : condition));
    }

    private static String name(Condition condition) {
        return condition == null ? Condition.NONE : condition.name();
    }
}
