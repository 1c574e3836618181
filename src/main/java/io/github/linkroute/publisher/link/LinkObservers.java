package io.github.linkroute.publisher.link;

import java.time.Instant;

import java.util.List;

/** All observers as one: the link calls a single object whatever is installed. */
record LinkObservers(List<LinkObserver> all) implements LinkObserver {

    @Override
    public void settled(String channel, Outcome outcome, String condition, long nanos) {
        all.forEach(o -> o.settled(channel, outcome, condition, nanos));
    }

    @Override
    public void linkLost(String channel, String condition) {
        all.forEach(o -> o.linkLost(channel, condition));
    }

    @Override
    public void attachRefused(String channel, String condition) {
        all.forEach(o -> o.attachRefused(channel, condition));
    }

    @Override
    public void reattached(String channel, String condition) {
        all.forEach(o -> o.reattached(channel, condition));
    }

    @Override
    public void reconnected(String channel, String condition) {
        all.forEach(o -> o.reconnected(channel, condition));
    }

    @Override
    public void connected(String channel, String host, int port) {
        all.forEach(o -> o.connected(channel, host, port));
    }

    @Override
    public void connectFailed(String channel, Condition condition) {
        all.forEach(o -> o.connectFailed(channel, condition));
    }

    @Override
    public void connectionLost(String channel, Condition condition, int unsettled, boolean reconnect) {
        all.forEach(o -> o.connectionLost(channel, condition, unsettled, reconnect));
    }

    @Override
    public void attached(String channel, long refusedBefore, int resend) {
        all.forEach(o -> o.attached(channel, refusedBefore, resend));
    }

    @Override
    public void detached(String channel, Condition condition, int unsettled) {
        all.forEach(o -> o.detached(channel, condition, unsettled));
    }

    @Override
    public void spoolRecovered(String channel, long count, Instant oldest) {
        all.forEach(o -> o.spoolRecovered(channel, count, oldest));
    }
}
