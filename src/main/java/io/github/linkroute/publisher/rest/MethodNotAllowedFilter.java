package io.github.linkroute.publisher.rest;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Puts the 405 that GET and PUT on {@code /messages} get into the OpenAPI document: no resource method
 * answers them (one would add its method to {@code Allow}), so no annotation can describe them.
 */
public class MethodNotAllowedFilter implements OASFilter {

    static final String MESSAGES = "/messages";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        PathItem messages = openAPI.getPaths() == null ? null : openAPI.getPaths().getPathItem(MESSAGES);
        if (messages == null) {
            return;
        }
        messages.GET(notAllowed("GET")).PUT(notAllowed("PUT"));
    }

    private static Operation notAllowed(String method) {
        return OASFactory.createOperation()
                .summary(method + " is not allowed: /messages takes POST only")
                .tags(List.of(PublisherApi.MESSAGES))
                .responses(OASFactory.createAPIResponses().addAPIResponse("405", OASFactory.createAPIResponse()
                        .description("Any method but POST, with Allow: POST")
                        .addHeader("Allow", OASFactory.createHeader()
                                .schema(OASFactory.createSchema().addType(SchemaType.STRING)))
                        .content(OASFactory.createContent().addMediaType(MediaType.APPLICATION_JSON, OASFactory.createMediaType()
                                .schema(OASFactory.createSchema().ref("ErrorBody"))
                                .examples(Map.of("not-allowed", OASFactory.createExample()
                                        .value(json(ApiExamples.METHOD_NOT_ALLOWED.replace("GET", method)))))))));
    }

    /** As a map, so that the document shows it as JSON like the annotations' examples, not as a string. */
    private static Map<?, ?> json(String example) {
        try {
            return new ObjectMapper().readValue(example, Map.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("example is not JSON: " + example, e);
        }
    }
}
