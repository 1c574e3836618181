package io.github.linkroute.publisher.tracing;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;

/**
 * The spans the service ends, kept in memory (the Quarkus OpenTelemetry guide's CDI test exporter). It
 * takes the OTLP exporter's place, so only the test profiles that read spans enable it.
 */
@Alternative
@ApplicationScoped
public class InMemorySpans {

    @Produces
    @Singleton
    InMemorySpanExporter inMemorySpanExporter() {
        return InMemorySpanExporter.create();
    }

    /** The ended publish spans of one message. */
    static List<SpanData> publishSpans(InMemorySpanExporter exporter, String messageId) {
        return exporter.getFinishedSpanItems().stream()
                .filter(s -> messageId.equals(s.getAttributes().get(AttributeKey.stringKey("messaging.message.id"))))
                .toList();
    }
}
