package io.github.linkroute.publisher.rest;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.github.linkroute.publisher.messaging.ScheduledPublisher;

/** {@code POST /emitter/pause} and {@code /emitter/resume}: stop and restart the scheduled emitter. */
@Path("/emitter")
public class EmitterResource {

    private final ScheduledPublisher emitter;

    EmitterResource(ScheduledPublisher emitter) {
        this.emitter = emitter;
    }

    @POST
    @Path("/pause")
    @Produces(MediaType.APPLICATION_JSON)
    public StatusResource.Emitter pause() {
        emitter.pause();
        return StatusResource.Emitter.of(emitter);
    }

    @POST
    @Path("/resume")
    @Produces(MediaType.APPLICATION_JSON)
    public StatusResource.Emitter resume() {
        emitter.resume();
        return StatusResource.Emitter.of(emitter);
    }
}
