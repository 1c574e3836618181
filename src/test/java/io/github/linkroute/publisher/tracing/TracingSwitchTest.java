package io.github.linkroute.publisher.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * The tracing switch: the SDK is disabled unless an OTLP endpoint is set by the application or its
 * environment (an extension's default endpoint does not count); an explicit {@code quarkus.otel.sdk.disabled}
 * wins either way. Runs without Quarkus.
 */
@Timeout(10)
class TracingSwitchTest {

    private static final String DEFAULT_ENDPOINT = "http://localhost:4317/";

    @Test
    void offWithoutAnEndpoint() {
        assertThat(disabled(Map.of(), Map.of())).isTrue();
        assertThat(disabled(Map.of(), Map.of(TracingSwitch.ENDPOINT, DEFAULT_ENDPOINT))).isTrue();
        assertThat(disabled(Map.of(TracingSwitch.ENDPOINT, ""), Map.of())).isTrue();
    }

    @Test
    void onWithAnEndpoint() {
        assertThat(disabled(Map.of(TracingSwitch.ENDPOINT, "http://collector:4317"), Map.of())).isFalse();
        assertThat(disabled(Map.of(TracingSwitch.TRACES_ENDPOINT, "http://collector:4317"), Map.of())).isFalse();
    }

    @Test
    void anExplicitSwitchWins() {
        assertThat(disabled(Map.of(TracingSwitch.SDK_DISABLED, "false"), Map.of())).isFalse();
        assertThat(disabled(Map.of(TracingSwitch.SDK_DISABLED, "true", TracingSwitch.ENDPOINT, "http://collector:4317"),
                Map.of())).isTrue();
    }

    /** {@code user}: as application.properties or the environment set it; {@code defaults}: as an extension does. */
    private static boolean disabled(Map<String, String> user, Map<String, String> defaults) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withInterceptors(new TracingSwitch())
                .withSources(new PropertiesConfigSource(user, "application", 250))
                .withDefaultValues(defaults)
                .withDefaultValue(TracingSwitch.SDK_DISABLED, "false")
                .build();
        return config.getValue(TracingSwitch.SDK_DISABLED, Boolean.class);
    }
}
