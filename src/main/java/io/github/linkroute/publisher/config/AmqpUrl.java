package io.github.linkroute.publisher.config;

import java.net.URI;
import java.util.Arrays;
import java.util.List;

/** Host, port and TLS flag read from {@code publisher.url}. */
public record AmqpUrl(String host, int port, boolean tls) {

    public static final int DEFAULT_PORT = 5672;
    public static final int DEFAULT_TLS_PORT = 5671;

    /** Every URL of a comma-separated list, in order. */
    public static List<AmqpUrl> parseAll(String urls) {
        return Arrays.stream(urls.split(",")).map(String::trim).filter(u -> !u.isEmpty()).map(AmqpUrl::parse).toList();
    }

    /** host:port, as logs and status show it. */
    public String endpoint() {
        return host + ":" + port;
    }

    /** Parses amqp://host[:port] or amqps://host[:port]; the config mapping has validated the shape. */
    public static AmqpUrl parse(String url) {
        URI uri = URI.create(url);
        boolean tls = "amqps".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() > 0 ? uri.getPort() : (tls ? DEFAULT_TLS_PORT : DEFAULT_PORT);
        return new AmqpUrl(uri.getHost(), port, tls);
    }
}
