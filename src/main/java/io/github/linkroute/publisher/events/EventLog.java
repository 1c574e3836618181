package io.github.linkroute.publisher.events;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;

import io.github.linkroute.publisher.events.LinkEvent.Kind;
import io.github.linkroute.publisher.link.Condition;
import io.github.linkroute.publisher.link.LinkObserver;
import io.github.linkroute.publisher.link.Outcome;

/**
 * The last {@link #DEFAULT_CAPACITY} link events, newest first. Written on the link's event loop
 * (through {@link LinkObserver}), read from HTTP threads: every access holds the log's lock, which
 * the writer holds for a few field writes only. Consecutive refusals, failed connects and rejections
 * with the same condition fold into one entry ("refused x7 over 14 s"), so an outage of hours does not
 * push everything else out.
 */
@ApplicationScoped
public class EventLog implements LinkObserver {

    /** Entries kept: a screenful of history on the page, a few kilobytes of memory. */
    public static final int DEFAULT_CAPACITY = 200;

    private final int capacity;
    private final Clock clock;
    private final ArrayDeque<LinkEvent> events = new ArrayDeque<>();
    /** By channel: the condition of the loss the next attach (or connect) recovers from. */
    private final Map<String, String> reattachAfter = new HashMap<>();
    private final Map<String, String> reconnectAfter = new HashMap<>();
    private String peer;
    private long nextId = 1;

    public EventLog() {
        this(DEFAULT_CAPACITY, Clock.systemUTC());
    }

    EventLog(int capacity, Clock clock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        this.capacity = capacity;
        this.clock = clock;
    }

    /** The entries, newest first. */
    public synchronized List<LinkEvent> events() {
        return new ArrayList<>(events);
    }

    /** host:port of the last connection opened, or null before the first one. */
    public synchronized String peer() {
        return peer;
    }

    public int capacity() {
        return capacity;
    }

    // ---- what the link reports ---------------------------------------------------------------

    @Override
    public synchronized void reconnected(String channel, String condition) {
        reconnectAfter.put(channel, condition);
    }

    @Override
    public synchronized void connected(String channel, String host, int port) {
        peer = host + ":" + port;
        String after = reconnectAfter.remove(channel);
        if (after != null) {
            add(channel, Kind.RECONNECTED, after, null, null, "reconnected to " + peer + " after " + after);
        } else {
            add(channel, Kind.CONNECTED, null, null, null, "connected to " + peer);
        }
    }

    @Override
    public synchronized void connectFailed(String channel, Condition condition) {
        add(channel, Kind.CONNECT_FAILED, condition.name(), condition.description(), null,
                "connect failed: " + condition.name());
    }

    @Override
    public synchronized void connectionLost(String channel, Condition condition, int unsettled, boolean reconnect) {
        String what = reconnect ? unsettled + " unsettled to re-send" : "reconnect disabled: given up";
        add(channel, Kind.CONNECTION_LOST, condition.name(), condition.description(), (long) unsettled,
                "connection lost: " + condition.name() + "; " + what);
    }

    @Override
    public synchronized void reattached(String channel, String condition) {
        reattachAfter.put(channel, condition);
    }

    @Override
    public synchronized void attached(String channel, long refusedBefore, int resend) {
        String after = reattachAfter.remove(channel);
        String refused = refusedBefore > 0 ? " (" + refusedBefore + " refused before)" : "";
        if (after != null) {
            add(channel, Kind.REATTACHED, after, null, (long) resend,
                    "re-attached after " + after + refused + "; " + resend + " re-sent");
        } else {
            add(channel, Kind.ATTACHED, null, null, null, "attached" + refused);
        }
    }

    @Override
    public synchronized void detached(String channel, Condition condition, int unsettled) {
        add(channel, Kind.DETACHED, condition.name(), condition.description(), (long) unsettled,
                "detached: " + condition.name() + "; " + unsettled + " unsettled to re-send");
    }

    @Override
    public synchronized void attachRefused(String channel, String condition) {
        add(channel, Kind.REFUSED, condition, null, null, "attach refused: " + condition);
    }

    @Override
    public void settled(String channel, Outcome outcome, String condition, long nanos) {
        if (outcome == Outcome.REJECTED) {
            rejected(channel, condition);
        }
    }

    private synchronized void rejected(String channel, String condition) {
        add(channel, Kind.REJECTED, condition, null, 1L, "message rejected: " + condition);
    }

    @Override
    public synchronized void spoolRecovered(String channel, long count, Instant oldest) {
        String age = oldest == null ? "" : ", the oldest taken " + span(Duration.between(oldest, clock.instant())) + " ago";
        add(channel, Kind.SPOOL_RECOVERED, null, null, count, "spool: " + count + " messages recovered" + age);
    }

    // ---- the log -----------------------------------------------------------------------------

    /** Appends an entry, or folds it into the newest when it repeats it. Callers hold the lock. */
    private void add(String channel, Kind kind, String condition, String description, Long messages, String text) {
        Instant now = clock.instant();
        LinkEvent newest = events.peekFirst();
        if (kind.collapses() && newest != null && newest.kind() == kind && newest.channel().equals(channel)
                && Objects.equals(newest.condition(), condition)) {
            int count = newest.count() + 1;
            Long total = newest.messages() == null || messages == null ? null : newest.messages() + messages;
            events.removeFirst();
            events.addFirst(new LinkEvent(newest.id(), newest.at(), now, channel, kind, condition,
                    description != null ? description : newest.description(), count, total,
                    repeated(kind, count, Duration.between(newest.at(), now), condition)));
            return;
        }
        events.addFirst(new LinkEvent(nextId++, now, now, channel, kind, condition, description, 1, messages, text));
        while (events.size() > capacity) {
            events.removeLast();
        }
    }

    private static String repeated(Kind kind, int count, Duration over, String condition) {
        String verb = switch (kind) {
            case REFUSED -> "refused";
            case CONNECT_FAILED -> "connect failed";
            case REJECTED -> "rejected";
            default -> kind.name().toLowerCase();
        };
        return verb + " x" + count + " over " + span(over) + ": " + condition;
    }

    /** A duration as people say it: "14 s", "3 min", "2 h". */
    static String span(Duration d) {
        long s = Math.max(0, Math.round(d.toMillis() / 1000.0));
        if (s < 120) {
            return s + " s";
        }
        if (s < 2 * 3600) {
            return s / 60 + " min";
        }
        return s / 3600 + " h";
    }
}
