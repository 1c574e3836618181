package io.github.linkroute.publisher.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.linkroute.publisher.config.PublisherConfig;
import io.github.linkroute.publisher.link.DeliveryFailure;
import io.github.linkroute.publisher.link.Outcome;
import io.github.linkroute.publisher.messaging.MessagePublisher;
import io.github.linkroute.publisher.messaging.MessagePublisher.Published;
import io.github.linkroute.publisher.spool.LocalSpool;
import io.smallrye.mutiny.Uni;

/**
 * {@code POST /messages}: sends on demand through the emitter's path (same buffer, same guarantees)
 * and waits a while for the broker's outcome: 200 accepted, 202 still on its way, 422 rejected,
 * 503 when the buffer is full; 400/413/415 for bad input, each with a JSON reason.
 */
@Path("/messages")
public class MessageResource {

    /** Application property telling REST messages from the emitter's. */
    static final String SOURCE_PROPERTY = "source";

    private final MessagePublisher publisher;
    private final PublisherConfig.Rest config;
    private final ObjectMapper mapper;

    private final LocalSpool spool;

    MessageResource(MessagePublisher publisher, PublisherConfig config, ObjectMapper mapper, LocalSpool spool) {
        this.publisher = publisher;
        this.config = config.rest();
        this.mapper = mapper;
        this.spool = spool;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Tag(name = PublisherApi.MESSAGES)
    @SecurityRequirement(name = PublisherApi.BASIC)
    @Operation(summary = "Send messages", description = "Sends through the emitter's path (same buffer, same guarantees) "
            + "and waits up to publisher.rest.wait-timeout for the broker's outcome.")
    @RequestBody(required = true, description = "Text, or JSON {\"body\": \"...\", \"count\": n} (1..publisher.rest.max-count)",
            content = {
                    @Content(mediaType = MediaType.TEXT_PLAIN, schema = @Schema(type = SchemaType.STRING),
                            examples = @ExampleObject(name = "text", value = ApiExamples.TEXT_REQUEST)),
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SendRequest.class),
                            examples = @ExampleObject(name = "json", value = ApiExamples.JSON_REQUEST)) })
    @APIResponse(responseCode = "200", description = "ACCEPTED: every message accepted by the broker",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SendResult.class),
                    examples = @ExampleObject(name = "accepted", value = ApiExamples.ACCEPTED)))
    @APIResponse(responseCode = "202", description = "PENDING: taken (on local disk in the spool) and not settled within "
            + "the wait; goes out when the link is back, even across a restart",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SendResult.class),
                    examples = @ExampleObject(name = "pending", value = ApiExamples.PENDING)))
    @APIResponse(responseCode = "400", description = "Empty body, malformed JSON, or count out of range",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class),
                    examples = @ExampleObject(name = "bad-count", value = ApiExamples.BAD_REQUEST)))
    @APIResponse(responseCode = "401", description = "No or wrong credentials",
            headers = @Header(name = "WWW-Authenticate", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class),
                    examples = @ExampleObject(name = "no-credentials", value = ApiExamples.UNAUTHORIZED)))
    @APIResponse(responseCode = "403", description = "These credentials may not send (when a role policy is configured)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class),
                    examples = @ExampleObject(name = "forbidden", value = ApiExamples.FORBIDDEN)))
    @APIResponse(responseCode = "413", description = "Body over publisher.rest.max-body-bytes, or over the HTTP server's "
            + "quarkus.http.limits.max-body-size (declared or chunked; the connection is closed after it)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class),
                    examples = {
                            @ExampleObject(name = "over-max-body-bytes", value = ApiExamples.TOO_LARGE),
                            @ExampleObject(name = "over-the-server-limit", value = ApiExamples.TOO_LARGE_FOR_THE_SERVER) }))
    @APIResponse(responseCode = "415", description = "No Content-Type, or neither text/plain nor application/json",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class),
                    examples = @ExampleObject(name = "no-content-type", value = ApiExamples.UNSUPPORTED_MEDIA_TYPE)))
    @APIResponse(responseCode = "422", description = "REJECTED: the broker refused (at least) one message, with its "
            + "condition; it is not re-sent",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SendResult.class),
                    examples = @ExampleObject(name = "rejected", value = ApiExamples.REJECTED)))
    @APIResponse(responseCode = "502", description = "FAILED: given up without the broker's verdict (released or "
            + "modified too often, or the service stopped)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SendResult.class),
                    examples = @ExampleObject(name = "failed", value = ApiExamples.FAILED)))
    @APIResponse(responseCode = "503", description = "BUFFER_FULL while the link is down (the listed ids were taken, "
            + "notTaken were not), or NOT_TAKEN when the spool cannot store messages; retry after Retry-After seconds",
            headers = @Header(name = "Retry-After", schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SendResult.class),
                    examples = {
                            @ExampleObject(name = "buffer-full", value = ApiExamples.BUFFER_FULL),
                            @ExampleObject(name = "not-taken", value = ApiExamples.NOT_TAKEN) }))
    public Uni<Response> send(@Parameter(hidden = true) @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, byte[] body) {
        MediaType type;
        try {
            type = contentType == null || contentType.isBlank() ? null : MediaType.valueOf(contentType);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().item(ErrorBody.response(Response.Status.UNSUPPORTED_MEDIA_TYPE,
                    "unreadable content type '" + contentType + "'"));
        }
        SendRequest.Parsed parsed = SendRequest.parse(type, body == null ? new byte[0] : body,
                config.maxBodyBytes(), config.maxCount(), mapper);
        if (parsed.error() != null) {
            return Uni.createFrom().item(parsed.error());
        }
        SendRequest request = parsed.request();
        List<Published> taken = new ArrayList<>();
        for (int i = 0; i < request.count(); i++) {
            Optional<Published> published = publisher.publish(request.body(), Map.of(SOURCE_PROPERTY, "rest"));
            if (published.isEmpty()) {
                return Uni.createFrom().item(bufferFull(taken, request.count()));
            }
            taken.add(published.get());
        }
        CompletableFuture<Void> settled = CompletableFuture
                .allOf(taken.stream().map(Published::outcome).toArray(CompletableFuture[]::new))
                .handle((ok, failure) -> null);
        // a 202 promises the message goes out even across a restart: only once it is on disk
        CompletableFuture<Void> stored = CompletableFuture
                .allOf(taken.stream().map(Published::stored).toArray(CompletableFuture[]::new))
                .handle((ok, failure) -> null);
        return Uni.createFrom().completionStage(settled)
                .ifNoItem().after(config.waitTimeout()).recoverWithItem(() -> null)
                .chain(ignored -> Uni.createFrom().completionStage(stored)
                        .ifNoItem().after(config.waitTimeout()).recoverWithItem(() -> null))
                .map(ignored -> notStored(taken).orElseGet(() -> outcome(taken)));
    }

    /** 503 when a message could not be put on disk: it was not taken, and the reason says why. */
    private Optional<Response> notStored(List<Published> taken) {
        for (Published published : taken) {
            if (published.stored().isCompletedExceptionally() || !published.stored().isDone()) {
                String reason = published.stored().isDone() ? failureOf(published.stored()).getMessage()
                        : "not on disk within " + config.waitTimeout().toMillis() + " ms";
                return Optional.of(unavailable(new SendResult(ids(taken), SendResult.NOT_TAKEN, 0, 0, taken.size(),
                        null, null, reason)));
            }
        }
        return Optional.empty();
    }

    private Response bufferFull(List<Published> taken, int asked) {
        // NOT_TAKEN when nothing more will be taken until something is fixed; BUFFER_FULL when it only waits
        Optional<String> notTaking = publisher.refusal().or(() -> Optional.ofNullable(spool.status().failure())
                .map(failure -> "the spool cannot store messages: " + failure));
        int notTaken = asked - taken.size();
        return unavailable(notTaking.isPresent()
                ? new SendResult(ids(taken), SendResult.NOT_TAKEN, 0, taken.size(), notTaken, null, null,
                        "not taken: " + notTaking.get())
                : new SendResult(ids(taken), SendResult.BUFFER_FULL, 0, taken.size(), notTaken, null, null,
                        "the buffer is full while the link is down; the listed messages were taken and will be sent, "
                                + notTaken + " were not: retry later"));
    }

    private Response unavailable(SendResult result) {
        return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, config.retryAfter().toSeconds())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(result)
                .build();
    }

    private static Response outcome(List<Published> taken) {
        int accepted = 0;
        int pending = 0;
        Throwable failure = null;
        DeliveryFailure rejected = null;
        for (Published published : taken) {
            CompletableFuture<Void> outcome = published.outcome();
            if (!outcome.isDone()) {
                pending++;
            } else if (!outcome.isCompletedExceptionally()) {
                accepted++;
            } else {
                Throwable cause = failureOf(outcome);
                if (rejected == null && cause instanceof DeliveryFailure delivery && delivery.outcome() == Outcome.REJECTED) {
                    rejected = delivery;
                } else if (failure == null) {
                    failure = cause;
                }
            }
        }
        List<String> ids = ids(taken);
        if (rejected != null) {
            return json(422, new SendResult(ids, SendResult.REJECTED, accepted, pending, null,
                    rejected.condition() == null ? null : rejected.condition().name(),
                    rejected.condition() == null ? null : rejected.condition().description(), rejected.getMessage()));
        }
        if (failure != null) {
            return json(502, new SendResult(ids, SendResult.FAILED, accepted, pending, null, null, null,
                    String.valueOf(failure.getMessage())));
        }
        if (pending > 0) {
            return json(202, new SendResult(ids, SendResult.PENDING, accepted, pending, null, null, null,
                    "not settled yet: the messages are taken (on local disk while the spool is on) and go out when the link is back"));
        }
        return json(200, new SendResult(ids, SendResult.ACCEPTED, accepted, 0, null, null, null, null));
    }

    private static Throwable failureOf(CompletableFuture<Void> outcome) {
        try {
            outcome.join();
            return null;
        } catch (RuntimeException e) {
            return e.getCause() != null ? e.getCause() : e;
        }
    }

    private static List<String> ids(List<Published> taken) {
        return taken.stream().map(Published::messageId).toList();
    }

    private static Response json(int status, SendResult result) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(result).build();
    }
}
