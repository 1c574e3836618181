package io.github.linkroute.publisher.events;

import java.util.List;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.github.linkroute.publisher.rest.ApiExamples;
import io.github.linkroute.publisher.rest.PublisherApi;

/** {@code GET /status/events}: the link's recent events, newest first, for the live page and for scripts. */
@Path("/status/events")
public class EventsResource {

    private final EventLog log;

    EventsResource(EventLog log) {
        this.log = log;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Tag(name = PublisherApi.STATUS)
    @Operation(summary = "The link's recent events, newest first")
    @APIResponse(responseCode = "200", description = "The event log; consecutive repeats of one condition are one entry with a count",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Events.class),
                    examples = @ExampleObject(name = "outage", value = ApiExamples.EVENTS)))
    public Events events(@Parameter(description = "only the newest n; 0 or absent: all that are kept")
            @QueryParam("limit") @DefaultValue("0") int limit) {
        List<LinkEvent> all = log.events();
        List<LinkEvent> shown = limit > 0 && limit < all.size() ? all.subList(0, limit) : all;
        return new Events(log.peer(), log.capacity(), shown);
    }

    /**
     * The document: {@code peer} is host:port of the router (or broker) the link last connected to,
     * {@code capacity} how many entries the log keeps, {@code events} newest first.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Events(String peer, int capacity, List<LinkEvent> events) {
    }
}
