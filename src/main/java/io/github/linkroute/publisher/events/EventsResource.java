package io.github.linkroute.publisher.events;

import java.util.List;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.annotation.JsonInclude;

/** {@code GET /status/events}: the link's recent events, newest first, for the live page and for scripts. */
@Path("/status/events")
public class EventsResource {

    private final EventLog log;

    EventsResource(EventLog log) {
        this.log = log;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Events events(@QueryParam("limit") @DefaultValue("0") int limit) {
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
