/**
 * Traces: one span per message from hand-over (emitter or REST) to its settlement, its W3C
 * {@code traceparent} in the message's application properties. Off (and free) unless the OpenTelemetry
 * SDK is on, which {@code quarkus.otel.exporter.otlp.endpoint} turns on (application.properties).
 */
package io.github.linkroute.publisher.tracing;
