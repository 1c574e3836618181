package io.github.linkroute.publisher.link;

/**
 * The one place each channel key's default lives. {@code PublisherConfig} names these in its
 * {@code @WithDefault}s and {@link LinkSettings} falls back on them, so the two cannot disagree.
 */
public final class LinkDefaults {

    public static final String SENDER_RETRY_INTERVAL = "2s";
    public static final String ATTACH_TIMEOUT = "10s";
    public static final String CREDIT_STALL_TIMEOUT = "5s";
    public static final String BUFFER_SIZE = "1000";
    public static final String MAX_REDELIVERIES = "10";
    public static final String REDELIVERY_DELAY = "500ms";
    public static final String RECONNECT = "true";
    public static final String OPEN_TIMEOUT = "15s";
    public static final String RECONNECT_INITIAL_DELAY = "1s";
    /** Short enough that recovery follows a router's or broker's return within seconds (the router retries every 5 s). */
    public static final String RECONNECT_MAX_DELAY = "5s";
    public static final String FAILURE_SUMMARY_INTERVAL = "30s";
    public static final String DRAIN_TIMEOUT = "10s";
    public static final String DURABLE = "true";
    public static final String CAPABILITIES = "queue";

    private LinkDefaults() {
    }
}
