package io.github.linkroute.publisher.link;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.eclipse.microprofile.config.Config;

/** The connector's settings for one channel, read from {@code mp.messaging.outgoing.<channel>.*}. */
record LinkSettings(
        String channel,
        String address,
        Optional<String> clientOptionsName,
        Duration senderRetryInterval,
        Duration attachTimeout,
        int bufferSize,
        int maxRedeliveries,
        Duration redeliveryDelay,
        boolean reconnect,
        Duration reconnectInitialDelay,
        Duration reconnectMaxDelay,
        Duration failureSummaryInterval,
        Duration drainTimeout,
        boolean durable,
        List<String> capabilities) {

    static final Duration DEFAULT_SENDER_RETRY_INTERVAL = Duration.ofSeconds(2);
    static final Duration DEFAULT_ATTACH_TIMEOUT = Duration.ofSeconds(10);
    static final int DEFAULT_BUFFER_SIZE = 1000;
    static final int DEFAULT_MAX_REDELIVERIES = 10;
    static final Duration DEFAULT_REDELIVERY_DELAY = Duration.ofMillis(500);
    static final Duration DEFAULT_RECONNECT_INITIAL_DELAY = Duration.ofSeconds(1);
    static final Duration DEFAULT_RECONNECT_MAX_DELAY = Duration.ofSeconds(30);
    static final Duration DEFAULT_FAILURE_SUMMARY_INTERVAL = Duration.ofSeconds(30);
    static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(10);

    static LinkSettings from(Config config) {
        String channel = config.getValue("channel-name", String.class);
        String address = config.getOptionalValue("address", String.class).orElse(channel);
        return new LinkSettings(channel, address,
                config.getOptionalValue("client-options-name", String.class),
                positive(config, "sender-retry-interval", DEFAULT_SENDER_RETRY_INTERVAL),
                positive(config, "attach-timeout", DEFAULT_ATTACH_TIMEOUT),
                atLeastOne(config, "buffer-size", DEFAULT_BUFFER_SIZE),
                config.getOptionalValue("max-redeliveries", Integer.class).orElse(DEFAULT_MAX_REDELIVERIES),
                positive(config, "redelivery-delay", DEFAULT_REDELIVERY_DELAY),
                config.getOptionalValue("reconnect", Boolean.class).orElse(true),
                positive(config, "reconnect-initial-delay", DEFAULT_RECONNECT_INITIAL_DELAY),
                positive(config, "reconnect-max-delay", DEFAULT_RECONNECT_MAX_DELAY),
                positive(config, "failure-summary-interval", DEFAULT_FAILURE_SUMMARY_INTERVAL),
                positive(config, "drain-timeout", DEFAULT_DRAIN_TIMEOUT),
                config.getOptionalValue("durable", Boolean.class).orElse(true),
                config.getOptionalValue("capabilities", String.class).map(LinkSettings::list).orElse(List.of("queue")));
    }

    private static Duration positive(Config config, String key, Duration fallback) {
        Duration value = config.getOptionalValue(key, Duration.class).orElse(fallback);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(key(config, key) + " must be a positive duration, got " + value);
        }
        return value;
    }

    private static int atLeastOne(Config config, String key, int fallback) {
        int value = config.getOptionalValue(key, Integer.class).orElse(fallback);
        if (value < 1) {
            throw new IllegalArgumentException(key(config, key) + " must be at least 1, got " + value);
        }
        return value;
    }

    private static String key(Config config, String key) {
        return "mp.messaging.outgoing." + config.getValue("channel-name", String.class) + "." + key;
    }

    private static List<String> list(String value) {
        return value.isBlank() ? List.of() : List.of(value.trim().split("\\s*,\\s*"));
    }
}
