package io.github.linkroute.publisher.rest;

import java.time.Instant;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.github.linkroute.publisher.link.LinkRegistry;
import io.github.linkroute.publisher.link.LinkStatus;
import io.github.linkroute.publisher.link.LinkView;
import io.github.linkroute.publisher.messaging.Channels;
import io.github.linkroute.publisher.messaging.ScheduledPublisher;
import io.github.linkroute.publisher.spool.LocalSpool;
import io.github.linkroute.publisher.spool.SpoolStatus;

/** {@code GET /status}: link state, last error, counters, buffer, emitter: what an operator looks at first. */
@Path("/status")
public class StatusResource {

    private final LinkRegistry links;
    private final ScheduledPublisher emitter;
    private final LocalSpool spool;

    StatusResource(LinkRegistry links, ScheduledPublisher emitter, LocalSpool spool) {
        this.links = links;
        this.emitter = emitter;
        this.spool = spool;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Tag(name = PublisherApi.STATUS)
    @Operation(summary = "Link state, last error, counters, buffer, emitter and spool")
    @APIResponse(responseCode = "200", description = "The status document",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Status.class),
                    examples = @ExampleObject(name = "attached", value = ApiExamples.STATUS)))
    @APIResponse(responseCode = "503", description = "The channel is not wired yet (during start-up)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class),
                    examples = @ExampleObject(name = "not-wired", value = ApiExamples.NOT_WIRED)))
    public Response status() {
        return links.link(Channels.PUBLISH)
                .map(link -> Response.ok(Status.of(link, emitter, spool.status())).build())
                .orElseGet(() -> ErrorBody.response(Response.Status.SERVICE_UNAVAILABLE, "the channel is not wired yet"));
    }

    /** The status document. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Status(String channel, String address, String connectedTo, String state, Instant stateSince, boolean canPublish,
            LastError lastError, LinkStatus.Counters counters, Buffer buffer, int unsettled, Instant lastAcceptedAt,
            Emitter emitter, SpoolStatus spool) {

        static Status of(LinkView link, ScheduledPublisher emitter, SpoolStatus spool) {
            LinkStatus s = link.status();
            LastError error = s.lastCondition() == null ? null
                    : new LastError(s.lastCondition(), s.lastDescription(), s.lastErrorAt());
            return new Status(link.channel(), link.address(), link.connectedTo(), s.state().name(), s.stateSince(),
                    s.canPublish() && spool.working(), error, s.counters(), new Buffer(s.bufferDepth(), s.bufferCapacity()),
                    s.unsettled(), s.lastAcceptedAt(), Emitter.of(emitter), spool);
        }
    }

    /** The last AMQP error condition the link saw. */
    public record LastError(String condition, String description, Instant at) {
    }

    /** Messages held by the connector while they wait for credit. */
    public record Buffer(int depth, int capacity) {
    }

    /** The scheduled emitter. */
    public record Emitter(boolean enabled, String state, long emitted, long accepted) {

        static Emitter of(ScheduledPublisher emitter) {
            return new Emitter(emitter.enabled(), emitter.paused() ? "PAUSED" : "RUNNING", emitter.emitted(),
                    emitter.accepted());
        }
    }
}
