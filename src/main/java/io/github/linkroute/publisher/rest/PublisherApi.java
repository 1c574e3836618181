package io.github.linkroute.publisher.rest;

import jakarta.ws.rs.core.Application;

import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The REST API as a whole, for its OpenAPI document ({@code /q/openapi}): title, tags, and the basic auth of the writes. */
@OpenAPIDefinition(
        info = @Info(title = "AMQP link-routed publisher", version = "1.0.0",
                description = "Publishes over AMQP 1.0 through a Qpid Dispatch router network to ActiveMQ Artemis. "
                        + "Every error answer carries a JSON body with a reason."),
        tags = {
                @Tag(name = PublisherApi.MESSAGES, description = "Send messages on demand"),
                @Tag(name = PublisherApi.EMITTER, description = "Pause and resume the scheduled emitter"),
                @Tag(name = PublisherApi.STATUS, description = "What the link is doing") })
@SecurityScheme(securitySchemeName = PublisherApi.BASIC, type = SecuritySchemeType.HTTP, scheme = "basic",
        description = "publisher.rest.user and publisher.rest.password; every POST needs them (not in dev mode)")
public class PublisherApi extends Application {

    static final String BASIC = "basic";
    public static final String MESSAGES = "messages";
    public static final String EMITTER = "emitter";
    public static final String STATUS = "status";
}
