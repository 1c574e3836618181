package io.github.linkroute.publisher.rest;

import java.util.Set;
import java.util.TreeSet;

import jakarta.inject.Singleton;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;

/**
 * Gives the answers Quarkus REST and Quarkus security produce themselves (401, 403, 405, 404...) the
 * same JSON {@link ErrorBody} as the resources' own. The write permission is checked in Jakarta REST
 * ({@code applies-to=JAXRS}, no proactive authentication) so that its failures arrive here.
 */
@Singleton
public class ErrorMappers {

    private final AllowedMethods allowedMethods;

    ErrorMappers(AllowedMethods allowedMethods) {
        this.allowedMethods = allowedMethods;
    }

    /** The challenge the built-in basic mechanism sends, kept so that clients still know to authenticate. */
    static final String CHALLENGE = "Basic realm=\"Quarkus\"";

    @ServerExceptionMapper
    public Response noCredentials(UnauthorizedException e) {
        return unauthorized("credentials required: use HTTP basic authentication (publisher.rest.user)");
    }

    @ServerExceptionMapper
    public Response wrongCredentials(AuthenticationFailedException e) {
        return unauthorized("invalid credentials");
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return ErrorBody.response(Response.Status.FORBIDDEN, "these credentials may not do this");
    }

    /**
     * A chunked body over the HTTP server's limit: answered at once and the connection closed after it, as the
     * server does for a declared one, so the rest of the body is not read.
     */
    @ServerExceptionMapper
    public Response chunkedTooLarge(ChunkedBodyLimit.TooLarge e, HttpServerRequest request) {
        request.response().endHandler(ignored -> request.connection().close());
        return Response.fromResponse(ErrorBody.response(Response.Status.REQUEST_ENTITY_TOO_LARGE, e.getMessage()))
                .header("Connection", "close").build();
    }

    /** 405, 404, 406 and the like from request matching: the status stays, headers such as Allow too. */
    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, HttpServerRequest request) {
        Response original = e.getResponse();
        if (original.hasEntity()) {
            return original;
        }
        String reason;
        if (original.getStatus() == Response.Status.METHOD_NOT_ALLOWED.getStatusCode()) {
            Set<String> allowed = new TreeSet<>(original.getAllowedMethods());
            allowed.addAll(allowedMethods.of(request.path()));
            reason = request.method() + " is not allowed on " + request.path()
                    + (allowed.isEmpty() ? "" : "; it takes " + String.join(", ", allowed));
            if (!allowed.isEmpty() && original.getHeaderString(HttpHeaders.ALLOW) == null) {
                return Response.fromResponse(ErrorBody.response(Response.Status.METHOD_NOT_ALLOWED, reason))
                        .header(HttpHeaders.ALLOW, String.join(", ", allowed)).build();
            }
        } else {
            reason = e.getMessage() + ": " + request.method() + " " + request.path();
        }
        Response.Status status = Response.Status.fromStatusCode(original.getStatus());
        if (status == null) {
            return original;
        }
        Response.ResponseBuilder answer = Response.fromResponse(ErrorBody.response(status, reason));
        original.getStringHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase(HttpHeaders.CONTENT_TYPE) && !name.equalsIgnoreCase(HttpHeaders.CONTENT_LENGTH)) {
                values.forEach(value -> answer.header(name, value));
            }
        });
        return answer.build();
    }

    private static Response unauthorized(String reason) {
        return Response.fromResponse(ErrorBody.response(Response.Status.UNAUTHORIZED, reason))
                .header(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE).build();
    }
}
