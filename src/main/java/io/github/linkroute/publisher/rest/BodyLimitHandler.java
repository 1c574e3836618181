package io.github.linkroute.publisher.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers a declared body above the HTTP server's own limit ({@code quarkus.http.limits.max-body-size})
 * with the JSON {@link ErrorBody} before the server's check would answer an empty 413; the connection
 * is closed after it, as the server does, so the rest of the body is not read. A chunked body (no length
 * to refuse on) is counted while Jakarta REST reads it, by {@link ChunkedBodyLimit}.
 */
@ApplicationScoped
public class BodyLimitHandler {

    /** Just before Quarkus' own upload limit check (order -2). */
    static final int ORDER = -3;
    /** Just after it: where it has handed a chunked body's limit to Quarkus REST's input stream. */
    static final int CHUNKED_ORDER = -1;
    /**
     * The routing-context key under which Quarkus' check leaves the limit for a body without a length; Quarkus
     * REST's input stream then answers an empty 413 itself. {@link ChunkedBodyLimit} counts instead.
     */
    static final String QUARKUS_CHUNKED_LIMIT_KEY = "io.quarkus.max-request-size";

    private final long limit;
    private final ObjectMapper mapper;

    BodyLimitHandler(@ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K") MemorySize limit,
            ObjectMapper mapper) {
        this.limit = limit.asLongValue();
        this.mapper = mapper;
    }

    void register(@Observes Router router) {
        router.route().order(ORDER).handler(this::check);
        router.route().order(CHUNKED_ORDER).handler(this::handOverChunked);
    }

    private void handOverChunked(RoutingContext context) {
        if (context.request().getHeader(HttpHeaders.CONTENT_LENGTH) == null) {
            context.remove(QUARKUS_CHUNKED_LIMIT_KEY);
        }
        context.next();
    }

    private void check(RoutingContext context) {
        String declared = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        long length;
        try {
            length = declared == null ? -1 : Long.parseLong(declared.trim());
        } catch (NumberFormatException e) {
            length = -1;
        }
        if (length <= limit) {
            context.next();
            return;
        }
        String body;
        try {
            body = mapper.writeValueAsString(new ErrorBody(413, "Request Entity Too Large",
                    "body is " + length + " bytes, too large: the HTTP server takes at most " + limit));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        context.response().setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.CONNECTION, "close")
                .endHandler(ignored -> context.request().connection().close());
        context.response().end(body);
    }
}
