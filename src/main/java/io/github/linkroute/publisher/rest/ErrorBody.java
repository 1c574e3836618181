package io.github.linkroute.publisher.rest;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The JSON body of every 4xx/5xx the REST edge answers itself: what went wrong and why. */
public record ErrorBody(int status, String error, String reason) {

    static Response response(Response.Status status, String reason) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody(status.getStatusCode(), status.getReasonPhrase(), reason))
                .build();
    }
}
