package io.github.linkroute.publisher.metrics;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;

import io.github.linkroute.publisher.link.FailReason;
import io.github.linkroute.publisher.link.LinkObserver;
import io.github.linkroute.publisher.link.LinkRegistry;
import io.github.linkroute.publisher.link.LinkState;
import io.github.linkroute.publisher.link.LinkStatus;
import io.github.linkroute.publisher.link.LinkView;
import io.github.linkroute.publisher.link.Outcome;
import io.github.linkroute.publisher.messaging.Channels;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;

/**
 * The link as Prometheus sees it: running totals read from the link's own counters (no cost on the
 * send path), counters tagged with the AMQP condition behind each event, a send-to-settle timer,
 * gauges for buffer, unsettled deliveries and state, and the seconds spent without an attached link.
 */
// eager: a lazy bean registered its meters only at the link's first observed event, so /q/metrics
// showed no publisher_* metric at all after, say, a connection given up before any event
@Startup
@ApplicationScoped
public class LinkMetrics implements LinkObserver {

    static final String PREFIX = "publisher.";
    /** Range of the send-to-settle histogram's buckets. */
    static final Duration SETTLE_MIN = Duration.ofMillis(1);
    static final Duration SETTLE_MAX = Duration.ofSeconds(30);

    private final MeterRegistry registry;
    private final LinkRegistry links;
    /** Timers by channel, then outcome: found without allocating on every settlement. */
    private final Map<String, Map<Outcome, Timer>> timers = new ConcurrentHashMap<>();

    LinkMetrics(MeterRegistry registry, LinkRegistry links) {
        this.registry = registry;
        this.links = links;
    }

    @PostConstruct
    void register() {
        String channel = Channels.PUBLISH;
        total("messages.sent", "Transfers put on the wire, re-sends included", channel, c -> c.sent());
        total("messages.accepted", "Deliveries settled as ACCEPTED", channel, c -> c.accepted());
        total("messages.released", "Deliveries answered RELEASED (re-sent)", channel, c -> c.released());
        total("messages.modified", "Deliveries answered MODIFIED (re-sent)", channel, c -> c.modified());
        total("messages.resent", "Transfers of a message already sent once", channel, c -> c.resent());
        for (FailReason reason : FailReason.values()) {
            FunctionCounter.builder(PREFIX + "messages.failed", links,
                            r -> link(r, channel).map(l -> l.status().counters().failedByReason().get(reason.tag()))
                                    .orElse(0L).doubleValue())
                    .description("Messages given up without the broker's verdict (nacked), by reason")
                    .tags("channel", channel, "reason", reason.tag()).register(registry);
        }
        FunctionCounter.builder(PREFIX + "link.unattached.seconds", links,
                        r -> link(r, channel).map(LinkView::secondsWithoutLink).orElse(0.0))
                .description("Seconds without an attached sender link since start")
                .tag("channel", channel).baseUnit("seconds").register(registry);
        gauge("buffer.depth", "Messages held while waiting for credit", channel, s -> s.bufferDepth());
        gauge("buffer.capacity", "Capacity of the buffer", channel, s -> s.bufferCapacity());
        gauge("unsettled", "Deliveries sent and not yet settled", channel, s -> s.unsettled());
        for (LinkState state : LinkState.values()) {
            Gauge.builder(PREFIX + "link.state", links,
                            r -> link(r, channel).map(l -> l.status().state() == state ? 1.0 : 0.0).orElse(0.0))
                    .description("1 for the link's current state, 0 for the others")
                    .tags("channel", channel, "state", state.name()).register(registry);
        }
    }

    @Override
    public void settled(String channel, Outcome outcome, String condition, long nanos) {
        Map<Outcome, Timer> byOutcome = timers.get(channel);
        Timer timer = byOutcome == null ? null : byOutcome.get(outcome);
        if (timer == null) {
            timer = timers.computeIfAbsent(channel, c -> new ConcurrentHashMap<>()).computeIfAbsent(outcome,
                    o -> Timer.builder(PREFIX + "send.settle").description("Time from transfer to settlement")
                            .tags("channel", channel, "outcome", o.name())
                            // _bucket series for p50/p99 (histogram_quantile): a router settles in
                            // about a millisecond; past 30 s the link's own timeouts have acted
                            .publishPercentileHistogram()
                            .minimumExpectedValue(SETTLE_MIN).maximumExpectedValue(SETTLE_MAX)
                            .register(registry));
        }
        timer.record(nanos, TimeUnit.NANOSECONDS);
        if (condition != null) {
            counter("messages.rejected", "Deliveries REJECTED, by condition", channel, condition).increment();
        }
    }

    @Override
    public void linkLost(String channel, String condition) {
        counter("link.losses", "Attached links the peer detached, by condition", channel, condition).increment();
    }

    @Override
    public void attachRefused(String channel, String condition) {
        counter("link.attach.refused", "Attaches the peer refused, by condition", channel, condition).increment();
    }

    @Override
    public void reattached(String channel, String condition) {
        counter("link.reattaches", "Links attached again after a loss, by the loss's condition", channel, condition)
                .increment();
    }

    @Override
    public void reconnected(String channel, String condition) {
        counter("connection.reconnects", "Connections opened again after a loss, by the loss's condition", channel,
                condition).increment();
    }

    private Counter counter(String name, String description, String channel, String condition) {
        return Counter.builder(PREFIX + name).description(description)
                .tags("channel", channel, "condition", condition).register(registry);
    }

    private void total(String name, String description, String channel, ToDoubleFunction<LinkStatus.Counters> value) {
        FunctionCounter.builder(PREFIX + name, links,
                        r -> link(r, channel).map(l -> value.applyAsDouble(l.status().counters())).orElse(0.0))
                .description(description).tag("channel", channel).register(registry);
    }

    private void gauge(String name, String description, String channel, ToDoubleFunction<LinkStatus> value) {
        Gauge.builder(PREFIX + name, links, r -> link(r, channel).map(l -> value.applyAsDouble(l.status())).orElse(0.0))
                .description(description).tag("channel", channel).register(registry);
    }

    private static Optional<LinkView> link(LinkRegistry links, String channel) {
        return links.link(channel);
    }
}
