package io.github.linkroute.publisher.config;

import java.time.Duration;
import java.util.Optional;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

import org.hibernate.validator.constraints.time.DurationMin;

import io.github.linkroute.publisher.link.LinkDefaults;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Every option of the original C++ sender (-a -u -p -r -m -i -b -s), plus the service's own.
 * Each key can be overridden by its environment variable (publisher.sender-retry-interval ->
 * PUBLISHER_SENDER_RETRY_INTERVAL); an invalid value stops start-up naming the key.
 */
@ConfigMapping(prefix = "publisher")
public interface PublisherConfig {

    /**
     * Router (or broker) to connect to, {@code amqp://host:port} or {@code amqps://host:port} (demo: -a); or
     * several, comma-separated, all with the same scheme: a failed or lost connection moves to the next.
     */
    @WithDefault("amqp://127.0.0.1:5672")
    @Pattern(regexp = "amqps?://[^/:\\s,]+(:\\d{1,5})?/?(\\s*,\\s*amqps?://[^/:\\s,]+(:\\d{1,5})?/?)*",
            message = "must look like amqp://host:port or amqps://host:port, or a comma-separated list of them")
    String url();

    /** Address the sender attaches to; the routers link-route its prefix to the broker (demo: path of -a). */
    @WithDefault("link1.test")
    @NotBlank
    String address();

    /** SASL user (demo: -u); anonymous when absent. */
    Optional<String> user();

    /** SASL password (demo: -p). */
    Optional<String> password();

    /** Reconnect, with back-off, when the connection itself is lost (demo: -r). */
    @WithDefault(LinkDefaults.RECONNECT)
    boolean reconnect();

    /** Messages to send in all; 0 sends without end (demo: -m). */
    @WithDefault("0")
    @Min(0)
    long count();

    /** Time between bursts (demo: -i, in ms there; here a duration such as 1s or 250ms). */
    @WithDefault("1s")
    @DurationMin(millis = 1)
    Duration interval();

    /** Messages per burst (demo: -b). */
    @WithDefault("1")
    @Min(1)
    @Max(100_000)
    int burst();

    /** Wait before re-attaching a lost or refused sender link (demo: -s, 2000 ms). */
    @WithDefault(LinkDefaults.SENDER_RETRY_INTERVAL)
    @DurationMin(millis = 10)
    Duration senderRetryInterval();

    /** How long an ATTACH may go unanswered before it is abandoned and retried. */
    @WithDefault(LinkDefaults.ATTACH_TIMEOUT)
    @DurationMin(millis = 10)
    Duration attachTimeout();

    /**
     * Readiness: attached with no credit while messages have waited this long (a broker blocking its
     * address, a router that stopped granting credit) counts as not ready; {@code /status canPublish} agrees.
     */
    @WithDefault(LinkDefaults.CREDIT_STALL_TIMEOUT)
    @DurationMin(millis = 10)
    Duration creditStallTimeout();

    /** How often a message answered RELEASED or MODIFIED is sent again before it is given up (nacked). */
    @WithDefault(LinkDefaults.MAX_REDELIVERIES)
    @Min(0)
    int maxRedeliveries();

    /** Wait before re-sending a message answered RELEASED or MODIFIED. */
    @WithDefault(LinkDefaults.REDELIVERY_DELAY)
    @DurationMin(millis = 1)
    Duration redeliveryDelay();

    /** Messages held while no link can take them; when full the emitter holds off and REST answers 503. */
    @WithDefault(LinkDefaults.BUFFER_SIZE)
    @Min(1)
    @Max(1_000_000)
    int bufferSize();

    /** Whether the scheduled emitter runs (the REST trigger works either way). */
    @WithDefault("true")
    boolean emitterEnabled();

    /**
     * Run once, like the demo: in count mode, exit when all {@code count} messages are settled: 0 when
     * every one was accepted, 1 with a summary when any was rejected or given up.
     */
    @WithDefault("false")
    boolean exitWhenDone();

    /** On shutdown, how long to wait for the broker to settle what is in flight before detaching. */
    @WithDefault(LinkDefaults.DRAIN_TIMEOUT)
    @DurationMin(millis = 1)
    Duration drainTimeout();

    /** How often the link state and counters go to the log (only when they changed). */
    @WithDefault("10s")
    Duration countersLogInterval();

    /** Connection settings given to the AmqpClientOptions bean. */
    Connection connection();

    /** The REST trigger. */
    Rest rest();

    /** The durable local spool. */
    Spool spool();

    /** Where messages wait on local disk from the moment they are taken until the broker settles them. */
    interface Spool {

        /** Keep taken messages on local disk until settled, so a stop or crash loses nothing; off: memory only. */
        @WithDefault("true")
        boolean enabled();

        /** Its directory; one per instance (a second process on it is refused). Relative to the working directory. */
        @WithDefault("spool")
        String dir();
    }

    /** Settings of {@code POST /messages} and of the write endpoints' credentials. */
    interface Rest {

        /** How long {@code POST /messages} waits for the broker's outcome before answering 202. */
        @WithDefault("5s")
        @DurationMin(millis = 1)
        Duration waitTimeout();

        /** Largest {@code count} one request may ask for. */
        @WithDefault("100")
        @Min(1)
        @Max(10_000)
        int maxCount();

        /** Largest request body, in bytes; larger ones get 413. */
        @WithDefault("65536")
        @Min(1)
        int maxBodyBytes();

        /** Retry-After sent with 503 when the buffer is full. */
        @WithDefault("5s")
        @DurationMin(seconds = 1)
        Duration retryAfter();

        /** User for HTTP basic auth on the write endpoints (not checked in dev mode). */
        @WithDefault("publisher")
        String user();

        /** Its password (in Kubernetes from a Secret); without one, every write is refused. */
        Optional<String> password();
    }

    /** Connection settings of the AmqpClientOptions bean. */
    interface Connection {

        /** AMQP container id; unique per replica (Kubernetes: the pod name). Default: host name. */
        Optional<String> containerId();

        /** TCP connect timeout. */
        @WithDefault("5s")
        @DurationMin(millis = 1)
        Duration connectTimeout();

        /**
         * How long a connect may take up to the peer's OPEN (TCP, TLS, SASL and OPEN): a peer that accepts
         * the connection and never answers is given up after this and retried with back-off.
         */
        @WithDefault(LinkDefaults.OPEN_TIMEOUT)
        @DurationMin(millis = 10)
        Duration openTimeout();

        /**
         * The idle-time-out in our OPEN: the peer must send a frame at least this often. A peer silent for
         * twice this is taken as dead (the connection is dropped and reconnected). Our own empty frames
         * follow the peer's idle-time-out, not this one. 0 disables both.
         */
        @WithDefault("30s")
        Duration idleTimeout();

        /** First delay before reconnecting; doubles on each failure. */
        @WithDefault(LinkDefaults.RECONNECT_INITIAL_DELAY)
        @DurationMin(millis = 10)
        Duration reconnectInitialDelay();

        /** Longest delay between reconnect attempts. */
        @WithDefault(LinkDefaults.RECONNECT_MAX_DELAY)
        @DurationMin(millis = 10)
        Duration reconnectMaxDelay();

        /** PKCS12 or JKS trust store for TLS (amqps://). */
        Optional<String> trustStore();

        /** Trust store password. */
        Optional<String> trustStorePassword();

        /** PEM file(s) of trusted certificates for TLS, instead of a trust store. */
        Optional<String> trustPem();

        /** Check the server's host name against its certificate. */
        @WithDefault("true")
        boolean verifyHost();
    }
}
