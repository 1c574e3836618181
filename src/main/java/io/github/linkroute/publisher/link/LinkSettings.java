package io.github.linkroute.publisher.link;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.eclipse.microprofile.config.Config;

import io.github.linkroute.publisher.config.AmqpUrl;
import io.quarkus.runtime.configuration.DurationConverter;

/**
 * The connector's settings for one channel, read from {@code mp.messaging.outgoing.<channel>.*};
 * every default comes from {@link LinkDefaults}.
 */
record LinkSettings(
        String channel,
        String address,
        Optional<String> clientOptionsName,
        Duration senderRetryInterval,
        Duration attachTimeout,
        Duration creditStallTimeout,
        int bufferSize,
        int maxRedeliveries,
        Duration redeliveryDelay,
        boolean reconnect,
        Duration openTimeout,
        Duration reconnectInitialDelay,
        Duration reconnectMaxDelay,
        Duration failureSummaryInterval,
        Duration drainTimeout,
        boolean durable,
        List<String> capabilities,
        List<AmqpUrl> urls) {

    static LinkSettings from(Config config) {
        return from(key -> config.getOptionalValue(key, String.class));
    }

    /** From plain key/value pairs ({@code channel-name} required): for tests that run a link without Quarkus. */
    static LinkSettings from(Map<String, String> values) {
        return from(key -> Optional.ofNullable(values.get(key)));
    }

    private static LinkSettings from(Function<String, Optional<String>> lookup) {
        Keys keys = new Keys(lookup);
        String channel = keys.value("channel-name").orElseThrow(() -> new IllegalArgumentException("no channel-name"));
        return new LinkSettings(channel,
                keys.value("address").orElse(channel),
                keys.value("client-options-name"),
                keys.positive("sender-retry-interval", LinkDefaults.SENDER_RETRY_INTERVAL),
                keys.positive("attach-timeout", LinkDefaults.ATTACH_TIMEOUT),
                keys.positive("credit-stall-timeout", LinkDefaults.CREDIT_STALL_TIMEOUT),
                keys.atLeast("buffer-size", LinkDefaults.BUFFER_SIZE, 1),
                keys.atLeast("max-redeliveries", LinkDefaults.MAX_REDELIVERIES, 0),
                keys.positive("redelivery-delay", LinkDefaults.REDELIVERY_DELAY),
                Boolean.parseBoolean(keys.value("reconnect").orElse(LinkDefaults.RECONNECT)),
                keys.positive("open-timeout", LinkDefaults.OPEN_TIMEOUT),
                keys.positive("reconnect-initial-delay", LinkDefaults.RECONNECT_INITIAL_DELAY),
                keys.positive("reconnect-max-delay", LinkDefaults.RECONNECT_MAX_DELAY),
                keys.positive("failure-summary-interval", LinkDefaults.FAILURE_SUMMARY_INTERVAL),
                keys.positive("drain-timeout", LinkDefaults.DRAIN_TIMEOUT),
                Boolean.parseBoolean(keys.value("durable").orElse(LinkDefaults.DURABLE)),
                list(keys.value("capabilities").orElse(LinkDefaults.CAPABILITIES)),
                keys.value("urls").map(AmqpUrl::parseAll).orElse(List.of()));
    }

    private static List<String> list(String value) {
        return value.isBlank() ? List.of() : List.of(value.trim().split("\\s*,\\s*"));
    }

    /** Reads, parses and checks one channel's keys; a bad value names its full key. */
    private record Keys(Function<String, Optional<String>> lookup) {

        Optional<String> value(String key) {
            return lookup.apply(key).map(String::trim).filter(v -> !v.isEmpty());
        }

        Duration positive(String key, String fallback) {
            String raw = value(key).orElse(fallback);
            Duration value;
            try {
                value = DurationConverter.parseDuration(raw);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(name(key) + " must be a duration such as 500ms or 2s, got " + raw);
            }
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name(key) + " must be a positive duration, got " + raw);
            }
            return value;
        }

        int atLeast(String key, String fallback, int min) {
            String raw = value(key).orElse(fallback);
            int value;
            try {
                value = Integer.parseInt(raw);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name(key) + " must be a whole number, got " + raw);
            }
            if (value < min) {
                throw new IllegalArgumentException(name(key) + " must be at least " + min + ", got " + value);
            }
            return value;
        }

        private String name(String key) {
            return "mp.messaging.outgoing." + value("channel-name").orElse("?") + "." + key;
        }
    }
}
