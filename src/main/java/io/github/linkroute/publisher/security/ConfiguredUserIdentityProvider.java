package io.github.linkroute.publisher.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.github.linkroute.publisher.config.PublisherConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Checks HTTP basic credentials of the write endpoints against {@code publisher.rest.user/password}
 * (in Kubernetes from a Secret): one configured user, so no user store is needed.
 */
@ApplicationScoped
public class ConfiguredUserIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    public static final String ROLE = "publisher";

    private final PublisherConfig.Rest config;

    ConfiguredUserIdentityProvider(PublisherConfig config) {
        this.config = config.rest();
    }

    void warnWithoutPassword(@Observes StartupEvent event) {
        if (config.password().isEmpty() && LaunchMode.current() != LaunchMode.DEVELOPMENT) {
            Log.warn("rest: publisher.rest.password is not set; POST /messages and /emitter/* refuse every request (401)");
        }
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
            AuthenticationRequestContext context) {
        boolean valid = config.password().isPresent()
                && constantTimeEquals(config.user(), request.getUsername())
                && constantTimeEquals(config.password().get(), new String(request.getPassword().getPassword()));
        if (!valid) {
            return Uni.createFrom().failure(new AuthenticationFailedException());
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(request.getUsername()))
                .addRole(ROLE)
                .build());
    }

    private static boolean constantTimeEquals(String expected, String given) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                given == null ? new byte[0] : given.getBytes(StandardCharsets.UTF_8));
    }
}
