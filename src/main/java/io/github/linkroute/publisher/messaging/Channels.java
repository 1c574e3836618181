package io.github.linkroute.publisher.messaging;

import io.github.linkroute.publisher.spool.Spool;

/** Channel and bean names shared by code, configuration and tests. */
public final class Channels {

    /** The outgoing channel the emitter and the REST trigger publish to. */
    public static final String PUBLISH = "publish";

    /** {@code @Identifier} of the AmqpClientOptions bean, named by {@code client-options-name}. */
    public static final String CLIENT_OPTIONS = "publisher-client";

    /** Application property carrying the emitter's running number (1..COUNT). */
    public static final String SEQUENCE_PROPERTY = Spool.SEQUENCE_PROPERTY;

    private Channels() {
    }
}
