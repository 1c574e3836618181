package io.github.linkroute.publisher.metrics;

import java.util.function.ToDoubleFunction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.github.linkroute.publisher.spool.LocalSpool;
import io.github.linkroute.publisher.spool.SpoolStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;

/** The spool as gauges: what it holds, what it gave back at start-up, whether it can take messages. */
@ApplicationScoped
public class SpoolMetrics {

    private final MeterRegistry registry;
    private final LocalSpool spool;

    SpoolMetrics(MeterRegistry registry, LocalSpool spool) {
        this.registry = registry;
        this.spool = spool;
    }

    void register(@Observes StartupEvent event) {
        gauge("spool.depth", "Messages on local disk, taken and not yet settled by the broker", SpoolStatus::depth);
        gauge("spool.recovered", "Messages read back from the spool at start-up (sent first)",
                s -> s.recovered() == null ? 0 : s.recovered().messages());
        gauge("spool.failed", "1 while the spool cannot store messages (none is taken), else 0",
                s -> s.working() ? 0 : 1);
    }

    private void gauge(String name, String description, ToDoubleFunction<SpoolStatus> value) {
        Gauge.builder(LinkMetrics.PREFIX + name, spool, s -> value.applyAsDouble(s.status())).description(description)
                .register(registry);
    }
}
