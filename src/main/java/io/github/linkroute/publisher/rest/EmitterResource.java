package io.github.linkroute.publisher.rest;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.github.linkroute.publisher.messaging.ScheduledPublisher;

/** {@code POST /emitter/pause} and {@code /emitter/resume}: stop and restart the scheduled emitter. */
@Path("/emitter")
@Tag(name = PublisherApi.EMITTER)
@SecurityRequirement(name = PublisherApi.BASIC)
@APIResponse(responseCode = "200", description = "The emitter's state after the change",
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StatusResource.Emitter.class),
                examples = @ExampleObject(name = "emitter", value = ApiExamples.EMITTER)))
@APIResponse(responseCode = "401", description = "No or wrong credentials",
        headers = @Header(name = "WWW-Authenticate", schema = @Schema(type = SchemaType.STRING)),
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class),
                examples = @ExampleObject(name = "no-credentials", value = ApiExamples.UNAUTHORIZED)))
@APIResponse(responseCode = "403", description = "These credentials may not do this (when a role policy is configured)",
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class),
                examples = @ExampleObject(name = "forbidden", value = ApiExamples.FORBIDDEN)))
public class EmitterResource {

    private final ScheduledPublisher emitter;

    EmitterResource(ScheduledPublisher emitter) {
        this.emitter = emitter;
    }

    @POST
    @Path("/pause")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Pause the scheduled emitter")
    public StatusResource.Emitter pause() {
        emitter.pause();
        return StatusResource.Emitter.of(emitter);
    }

    @POST
    @Path("/resume")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Resume the scheduled emitter")
    public StatusResource.Emitter resume() {
        emitter.resume();
        return StatusResource.Emitter.of(emitter);
    }
}
