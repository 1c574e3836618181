package io.github.linkroute.publisher.tracing;

import jakarta.annotation.Priority;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.Priorities;

/**
 * One key turns tracing on: unless {@code quarkus.otel.sdk.disabled} is set, it is true while no OTLP
 * endpoint is configured. Quarkus' own default would keep the SDK on and export to localhost:4317,
 * where nothing listens, logging an error per export. Registered in META-INF/services.
 */
@Priority(Priorities.APPLICATION)
public class TracingSwitch implements ConfigSourceInterceptor {

    static final String SDK_DISABLED = "quarkus.otel.sdk.disabled";
    static final String ENDPOINT = "quarkus.otel.exporter.otlp.endpoint";
    static final String TRACES_ENDPOINT = "quarkus.otel.exporter.otlp.traces.endpoint";

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        ConfigValue value = context.proceed(name);
        if (!SDK_DISABLED.equals(name) || setByUser(value)) {
            return value;
        }
        boolean collector = setByUser(context.proceed(ENDPOINT)) || setByUser(context.proceed(TRACES_ENDPOINT));
        return ConfigValue.builder().withName(name).withValue(String.valueOf(!collector))
                .withConfigSourceName(TracingSwitch.class.getSimpleName()).build();
    }

    /** Set in a source of the application or its environment, not one of the extensions' defaults (negative ordinals). */
    private static boolean setByUser(ConfigValue value) {
        return value != null && value.getValue() != null && !value.getValue().isBlank()
                && value.getConfigSourceOrdinal() > 0;
    }
}
